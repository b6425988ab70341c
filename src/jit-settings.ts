/**
 * V8's optimizing compiler, tuned for a scan: a short batch run whose hot code (parser, evaluator,
 * rules) is large and runs for seconds. With V8's default inlining budget, compiling that code on
 * V8's background threads took about a quarter of a scan's CPU time; a smaller budget compiles
 * several times less and runs the scan no slower.
 */
import { setFlagsFromString } from "node:v8";

/** Bytecode inlined into one optimized function, at most (V8's default is 920). */
export const INLINING_BUDGET = 300;

/**
 * Applies the settings to this process (and the workers it starts). Call it after loading any V8
 * code cache: V8 takes a cache only under the flags it was made with, and the build makes it with
 * the defaults.
 */
export function useScanJitSettings(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
}
