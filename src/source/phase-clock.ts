/**
 * Where a scan's time goes, for `npm run bench`: each moment is charged to exactly one phase. An
 * attribute evaluated when first read counts with the phase that read it (a rule's read, as the
 * rule's time): phases are switched around whole steps, never around each of a scan's hundreds of
 * thousands of reads. Off unless the bench turns it on; when off, a phase costs one boolean test.
 */
import { monotonicMilliseconds } from "./monotonic-clock.js";

export const PHASES = ["discovery", "parsing", "evaluation", "rules", "reporting", "other"] as const;
export type Phase = (typeof PHASES)[number];

let timing = false;
let current: Phase = "other";
let since = 0;
// A plain record, not a Map: a file parsed while loading switches phases twice.
const totals = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;

/** Starts charging time to phases (from now, to "other" until a phase is entered). */
export function startPhaseClock(): void {
  timing = true;
  current = "other";
  since = monotonicMilliseconds();
  for (const phase of PHASES) totals[phase] = 0;
}

/** Runs `work` charged to `phase`; the phase it interrupted resumes afterwards. */
export function inPhase<T>(phase: Phase, work: () => T): T {
  if (!timing || phase === current) return work();
  const interrupted = switchTo(phase);
  try {
    return work();
  } finally {
    switchTo(interrupted);
  }
}

/** Milliseconds charged to each phase so far. */
export function phaseMilliseconds(): Record<Phase, number> {
  switchTo(current);
  return { ...totals };
}

function switchTo(phase: Phase): Phase {
  const now = monotonicMilliseconds();
  totals[current] += now - since;
  since = now;
  const previous = current;
  current = phase;
  return previous;
}
