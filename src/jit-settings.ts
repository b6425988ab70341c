/**
 * V8 tuned for a scan: a batch run of a few seconds whose hot code (parser, evaluator, rules) is
 * large and which keeps most of what it builds until its findings are out.
 *
 * - The optimizing compiler's inlining budget, halved. V8 compiles optimized code on background
 *   threads, and with its default budget that compiling was about a quarter of a 34 MB scan's CPU
 *   time. Half the budget compiles less for code that runs no slower: a 34 MB scan takes about a
 *   tenth less CPU time, a 136 MB one the same.
 * - No allocation-site pretenuring. V8 watches each object literal's site and, once most of its
 *   objects survive a young collection, allocates the site's objects in the old generation from
 *   then on. Without it, young collections copy more (corpus-34: 140 -> 225 MB promoted, their
 *   pauses 0.8 -> 1.2 s), but the scan's own code runs faster by more (likely because every field
 *   stored into a new old-generation object goes through the write barrier, which a young one's
 *   do not): the scan thread's CPU time is 12-13% less on both bench corpora, at the same peak RSS
 *   (8, 34 and 136 MB).
 */
import { setFlagsFromString } from "node:v8";

/** Bytecode inlined into one optimized function, at most (V8's default is 920). */
export const INLINING_BUDGET = 460;

/**
 * Applies the settings to this process (and the workers it starts). Call it after loading any V8
 * code cache: V8 takes a cache only under the flags it was made with, and the build makes it with
 * the defaults.
 */
export function useScanJitSettings(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
  setFlagsFromString("--no-allocation-site-pretenuring");
}
