/**
 * Milliseconds on a monotonic clock, as performance.now() counts them but without it: the first use
 * of the global `performance` loads perf_hooks, ~2 ms of a cold start, for timings (rules, phases)
 * that a plain scan never shows.
 */
export function monotonicMilliseconds(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}
