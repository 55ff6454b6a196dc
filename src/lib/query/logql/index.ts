/** LogQL for Pagerdrill: parser (on @grafana/lezer-logql), log queries, metric queries and log volume. */
export type * from './ast';
export { parseLogQL, isMetricQuery } from './parse';
export { evaluateLogQuery, logVolume, DEFAULT_LOG_LIMIT } from './evaluate-logs';
export type { LogQueryOptions, LogQueryResult } from './evaluate-logs';
export { evaluateLogMetricRange, evaluateLogMetricInstant, MAX_STEPS } from './evaluate-metrics';
