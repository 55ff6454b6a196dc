/**
 * Signatures of PromQL functions (as in Prometheus's `parser.Functions`), used for type checking at parse time,
 * plus the ones Pagerdrill deliberately does not evaluate.
 */
import type { ValueType } from './ast';

export interface FunctionSignature {
	name: string;
	argTypes: ValueType[];
	/**
	 * 0: exactly `argTypes.length` arguments. N > 0: the last argument is optional and may repeat up to N times in
	 * total. -1: the last argument type repeats without limit (at least `argTypes.length - 1` arguments).
	 */
	variadic: number;
	returnType: ValueType;
	/** When set, the function parses but evaluation reports it as unsupported, with this reason. */
	unsupported?: string;
}

const NATIVE_ONLY =
	'it works on native histograms, which the Pagerdrill metrics store does not hold (use the classic _bucket/_sum/_count series)';

function fn(
	name: string,
	argTypes: ValueType[],
	returnType: ValueType = 'vector',
	variadic = 0,
	unsupported?: string
): FunctionSignature {
	return { name, argTypes, variadic, returnType, unsupported };
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

const LIST: FunctionSignature[] = [
	fn('abs', [V]),
	fn('absent', [V]),
	fn('absent_over_time', [M]),
	fn('acos', [V]),
	fn('acosh', [V]),
	fn('asin', [V]),
	fn('asinh', [V]),
	fn('atan', [V]),
	fn('atanh', [V]),
	fn('avg_over_time', [M]),
	fn('ceil', [V]),
	fn('changes', [M]),
	fn('clamp', [V, S, S]),
	fn('clamp_max', [V, S]),
	fn('clamp_min', [V, S]),
	fn('cos', [V]),
	fn('cosh', [V]),
	fn('count_over_time', [M]),
	fn('days_in_month', [V], V, 1),
	fn('day_of_month', [V], V, 1),
	fn('day_of_week', [V], V, 1),
	fn('day_of_year', [V], V, 1),
	fn('deg', [V]),
	fn('delta', [M]),
	fn('deriv', [M]),
	fn('double_exponential_smoothing', [M, S, S]),
	fn('end', [], S),
	fn('exp', [V]),
	fn('first_over_time', [M]),
	fn('floor', [V]),
	fn('histogram_avg', [V], V, 0, NATIVE_ONLY),
	fn('histogram_count', [V], V, 0, NATIVE_ONLY),
	fn('histogram_fraction', [S, S, V]),
	fn('histogram_quantile', [S, V]),
	fn('histogram_quantiles', [V, STR, S], V, -1),
	fn('histogram_stddev', [V], V, 0, NATIVE_ONLY),
	fn('histogram_stdvar', [V], V, 0, NATIVE_ONLY),
	fn('histogram_sum', [V], V, 0, NATIVE_ONLY),
	fn('hour', [V], V, 1),
	fn('idelta', [M]),
	fn('increase', [M]),
	fn(
		'info',
		[V, V],
		V,
		1,
		'info() joins info metrics of the Prometheus storage, which Pagerdrill does not model'
	),
	fn('irate', [M]),
	fn('label_join', [V, STR, STR, STR], V, -1),
	fn('label_replace', [V, STR, STR, STR, STR]),
	fn('last_over_time', [M]),
	fn('ln', [V]),
	fn('log10', [V]),
	fn('log2', [V]),
	fn('mad_over_time', [M]),
	fn('max_over_time', [M]),
	fn('min_over_time', [M]),
	fn('minute', [V], V, 1),
	fn('month', [V], V, 1),
	fn('pi', [], S),
	fn('predict_linear', [M, S]),
	fn('present_over_time', [M]),
	fn('quantile_over_time', [S, M]),
	fn('rad', [V]),
	fn('range', [], S),
	fn('rate', [M]),
	fn('resets', [M]),
	fn('round', [V, S], V, 1),
	fn('scalar', [V], S),
	fn('sgn', [V]),
	fn('sin', [V]),
	fn('sinh', [V]),
	fn('sort', [V]),
	fn('sort_by_label', [V, STR], V, -1),
	fn('sort_by_label_desc', [V, STR], V, -1),
	fn('sort_desc', [V]),
	fn('sqrt', [V]),
	fn('start', [], S),
	fn('stddev_over_time', [M]),
	fn('stdvar_over_time', [M]),
	fn('step', [], S),
	fn('sum_over_time', [M]),
	fn('tan', [V]),
	fn('tanh', [V]),
	fn('time', [], S),
	fn('timestamp', [V]),
	fn('ts_of_first_over_time', [M]),
	fn('ts_of_last_over_time', [M]),
	fn('ts_of_max_over_time', [M]),
	fn('ts_of_min_over_time', [M]),
	fn('vector', [S]),
	fn('year', [V], V, 1)
];

/** All known PromQL functions by name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(LIST.map((f) => [f.name, f]));
