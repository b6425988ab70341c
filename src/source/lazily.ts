/** A value made on its first use and kept: for modules only some runs need (a cold start is mostly loading code). */
export function lazily<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
