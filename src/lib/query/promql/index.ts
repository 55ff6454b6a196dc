/**
 * PromQL for Pagerdrill: parser (lezer grammar → typed AST) and evaluator with Prometheus 3 semantics over the
 * in-memory {@link SeriesStore}. See `parser.ts` and `engine.ts`.
 */
export type { PromExpr, ValueType, AtModifier, VectorMatching } from './ast';
export { exprType } from './ast';
export { parsePromQL, findUnsupported } from './parser';
export { evaluateInstant, evaluateRange, type EvalOptions } from './engine';
export {
	runPromqltest,
	type PromqltestFileReport,
	type PromqltestSectionReport,
	type PromqltestSectionStatus,
	type PromqltestUnsupportedEval
} from './promqltest';
