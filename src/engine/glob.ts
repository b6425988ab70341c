/**
 * Minimal globs for configuration: `**` (any directories), `*` (within a segment), `?`; case-insensitive.
 * Matched by stepping every position of the glob at once through the text (a Thompson NFA): time is
 * the text's length times the glob's, whatever the glob. A backtracking regular expression takes
 * exponential time on `*a*a*a*a*a*b` against a long name, and the configuration may be untrusted.
 */

/** One position of a compiled glob. `skip`: a `**\/` that may match nothing jumps to `skip`. */
type Step =
  | { kind: "char"; char: string }
  | { kind: "one" }
  | { kind: "segment" }
  | { kind: "anything" }
  | { kind: "optional"; skip: number };

const cache = new Map<string, Step[]>();

function compile(glob: string): Step[] {
  let steps = cache.get(glob);
  if (steps) return steps;
  steps = [];
  const lower = glob.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const char = lower[i];
    if (char === "*" && lower[i + 1] === "*") {
      if (lower[i + 2] === "/") {
        // `**/`: nothing, or anything ending in a slash.
        steps.push({ kind: "optional", skip: steps.length + 3 }, { kind: "anything" }, { kind: "char", char: "/" });
        i += 2;
      } else {
        steps.push({ kind: "anything" });
        i += 1;
      }
    } else if (char === "*") steps.push({ kind: "segment" });
    else if (char === "?") steps.push({ kind: "one" });
    else steps.push({ kind: "char", char });
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(glob, steps);
  return steps;
}

/** Adds a position and every position reachable from it without reading a character. */
function enter(steps: readonly Step[], states: Uint8Array, position: number): void {
  const pending = [position];
  while (pending.length) {
    const at = pending.pop() as number;
    if (states[at]) continue;
    states[at] = 1;
    const step = steps[at];
    if (!step) continue;
    if (step.kind === "segment" || step.kind === "anything") pending.push(at + 1);
    else if (step.kind === "optional") pending.push(at + 1, step.skip);
  }
}

export function matchesGlob(text: string, glob: string): boolean {
  const steps = compile(glob);
  let states = new Uint8Array(steps.length + 1);
  let next = new Uint8Array(steps.length + 1);
  enter(steps, states, 0);
  const lower = text.toLowerCase();
  for (const char of lower) {
    next.fill(0);
    let any = false;
    for (let at = 0; at < steps.length; at++) {
      if (!states[at]) continue;
      const step = steps[at];
      if ((step.kind === "segment" && char !== "/") || step.kind === "anything") {
        enter(steps, next, at);
        any = true;
      } else if ((step.kind === "char" && step.char === char) || (step.kind === "one" && char !== "/")) {
        enter(steps, next, at + 1);
        any = true;
      }
    }
    if (!any) return false;
    [states, next] = [next, states];
  }
  return states[steps.length] === 1;
}
