/**
 * A full garbage collection, asked for where the scan knows most of the heap just died: a large
 * repository's estate once its findings are out. V8 would not collect it on its own before the
 * report is built (its next major collection is due only when the heap has grown well past its
 * size at the last one), so the report's objects and text would be added on top of the dead estate
 * and raise the peak RSS by their size. Marking costs only what is still live, a few findings.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** An estate this large is worth a collection once it is dropped: below, the report is small. */
export const COLLECT_AFTER_BYTES = 32 * 1024 * 1024;

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collect) {
    // The flag gives `gc` to contexts made after it is set: a fresh one, so this process's own
    // global is left as it was.
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
