/**
 * Where a value came from: trace steps (a variable's or a local's value and where it was set) and
 * evaluations that gather the steps of what they read. Only the attributes behind findings have
 * their traces read, so steps are formatted, and an evaluation's steps gathered, when first read.
 */
import { SourceRange, type SourceFile } from "../source/source-file.js";
import type { TraceStep } from "../model/nodes.js";
import { formatValue, Unknown, type Value } from "../model/value.js";
import { flat } from "../source/flat-string.js";
import type { Evaluated } from "./build-block.js";
import type { AssignedValue } from "./variable-sources.js";

const MAX_TRACE_VALUE = 120;

interface TraceStepFields {
  range: SourceRange;
  name: string;
  value: Value;
  label: string | undefined;
  text: string | undefined;
}

/**
 * A trace step says its message when asked: a scan takes a step for every variable and local it
 * evaluates, and shows the few behind a finding. A literal over a shared prototype.
 */
const TRACE_STEP = {
  get message(): string {
    const step = this as unknown as TraceStepFields;
    if (step.text === undefined) {
      let shown = formatValue(step.value);
      if (shown.length > MAX_TRACE_VALUE) shown = `${shown.slice(0, MAX_TRACE_VALUE - 1)}…`;
      const at = step.range.start;
      const where = `${step.range.file.path}:${at.line}:${at.column}`;
      step.text = flat(`${step.name} = ${shown} (${step.label ? `${step.label}, ` : ""}${where})`);
    }
    return step.text;
  },
};

export function traceStep(name: string, value: Value, label: string | undefined, range: SourceRange): TraceStep {
  return { __proto__: TRACE_STEP, range, name, value, label, text: undefined } as unknown as TraceStep;
}

/** The result of one `evaluate`: the steps of what it read are gathered and deduplicated when its trace is first read. */
export interface Collected extends Evaluated {
  value: Value;
  usesDefault: boolean;
  /** The evaluations it read, in order, until its trace is read. */
  recorded: Evaluated | Evaluated[] | undefined;
  steps: readonly TraceStep[] | undefined;
}

/*
 * Traces are read only for the attributes behind findings, so an evaluation keeps what it read
 * and makes its steps when asked, instead of copying every step it depends on into an array of
 * its own (a chain of locals copied its whole history at each link). They are literals over
 * shared prototypes (see TRACE_STEP). A chain of thousands of locals is a chain of thousands of
 * these, so their steps are made from the innermost out, never by recursion.
 */
const COLLECTED = {
  get trace(): readonly TraceStep[] {
    return traceOf(this as unknown as Evaluated);
  },
};

export function collected(): Collected {
  return {
    __proto__: COLLECTED,
    value: null,
    usesDefault: false,
    recorded: undefined,
    steps: undefined,
  } as unknown as Collected;
}

/** True for an evaluation that read nothing leaving a trace step: its trace is empty. */
export function tracesNothing(evaluated: Evaluated): boolean {
  if (Object.getPrototypeOf(evaluated) !== COLLECTED) return false;
  const collected = evaluated as Collected;
  return collected.recorded === undefined && (collected.steps === undefined || collected.steps.length === 0);
}

/**
 * A variable's value from its default: its one trace step (`var.x = ... (default, where)`) is made
 * when its trace is first read, which for most variables is never.
 */
interface VariableDefault extends Evaluated {
  name: string;
  file: SourceFile;
  start: number;
  end: number;
  steps: readonly TraceStep[] | undefined;
}

const VARIABLE_DEFAULT = {
  get trace(): readonly TraceStep[] {
    const variable = this as unknown as VariableDefault;
    return (variable.steps ??= [
      traceStep(
        `var.${variable.name}`,
        variable.value,
        "default",
        new SourceRange(variable.file, variable.start, variable.end),
      ),
    ]);
  },
};

export function variableDefault(
  name: string,
  value: Value,
  usesDefault: boolean,
  file: SourceFile,
  start: number,
  end: number,
): Evaluated {
  return {
    __proto__: VARIABLE_DEFAULT,
    value,
    usesDefault,
    name,
    file,
    start,
    end,
    steps: undefined,
  } as unknown as VariableDefault;
}

/** A module call's input as the module's variable receives it, its trace the caller's evaluation's. */
interface ModuleInput extends AssignedValue {
  evaluated: Evaluated;
}

const MODULE_INPUT = {
  get trace(): readonly TraceStep[] {
    return traceOf((this as unknown as ModuleInput).evaluated);
  },
};

export function moduleInput(evaluated: Evaluated, label: string, range: SourceRange): AssignedValue {
  return {
    __proto__: MODULE_INPUT,
    value: evaluated.value,
    label,
    range,
    usesDefault: evaluated.usesDefault,
    evaluated,
  } as unknown as ModuleInput;
}

interface FollowedBy extends Evaluated {
  before: { readonly trace: readonly TraceStep[] } | undefined;
  step: TraceStep;
  steps: readonly TraceStep[] | undefined;
}

/** A value's trace is the steps of what it came from, then its own step (a variable's, a local's). */
const FOLLOWED_BY = {
  get trace(): readonly TraceStep[] {
    return traceOf(this as unknown as Evaluated);
  },
};

export function followedBy(
  before: { readonly trace: readonly TraceStep[] },
  step: TraceStep,
  value: Value,
  usesDefault: boolean,
): Evaluated {
  return { __proto__: FOLLOWED_BY, value, usesDefault, before, step, steps: undefined } as unknown as Evaluated;
}

/**
 * A local's value: its step (`local.x = ... (where)`) is made from these fields when its trace is
 * first read, which for most locals is never; the evaluation it rests on is kept only when that
 * has a trace.
 */
interface LocalEvaluated extends Evaluated {
  before: Evaluated | undefined;
  name: string;
  file: SourceFile;
  start: number;
  end: number;
  steps: readonly TraceStep[] | undefined;
}

const LOCAL_EVALUATED = {
  get trace(): readonly TraceStep[] {
    return traceOf(this as unknown as Evaluated);
  },
};

/** A local's value from its evaluation, `name` without the `local.` its step shows. */
export function localEvaluated(
  before: Evaluated,
  name: string,
  file: SourceFile,
  start: number,
  end: number,
): Evaluated {
  return {
    __proto__: LOCAL_EVALUATED,
    value: before.value,
    usesDefault: before.usesDefault,
    before: tracesNothing(before) ? undefined : before,
    name,
    file,
    start,
    end,
    steps: undefined,
  } as unknown as LocalEvaluated;
}

type HasTrace = { readonly trace: readonly TraceStep[] };

/** What a trace is made from, while its steps are not made yet; none once they are (or for a plain one). */
function pendingParts(item: HasTrace): HasTrace[] {
  const prototype = Object.getPrototypeOf(item) as unknown;
  if (prototype === MODULE_INPUT) return [(item as ModuleInput).evaluated];
  if (prototype === FOLLOWED_BY || prototype === LOCAL_EVALUATED) {
    const followed = item as FollowedBy | LocalEvaluated;
    return followed.steps === undefined && followed.before ? [followed.before] : [];
  }
  if (prototype !== COLLECTED) return [];
  const collected = item as Collected;
  if (collected.steps !== undefined || collected.recorded === undefined) return [];
  return Array.isArray(collected.recorded) ? collected.recorded : [collected.recorded];
}

/** Makes the steps of an evaluation whose parts all have theirs. */
function makeSteps(item: HasTrace): void {
  const prototype = Object.getPrototypeOf(item) as unknown;
  if (prototype === FOLLOWED_BY) {
    const followed = item as FollowedBy;
    if (followed.steps !== undefined) return;
    followed.steps = [...(followed.before?.trace ?? []), followed.step];
    followed.before = undefined;
  } else if (prototype === LOCAL_EVALUATED) {
    const local = item as LocalEvaluated;
    if (local.steps !== undefined) return;
    const range = new SourceRange(local.file, local.start, local.end);
    local.steps = [...(local.before?.trace ?? []), traceStep(`local.${local.name}`, local.value, undefined, range)];
    local.before = undefined;
  } else if (prototype === COLLECTED) {
    const collected = item as Collected;
    if (collected.steps !== undefined) return;
    const steps: TraceStep[] = [];
    const recorded = collected.recorded;
    if (Array.isArray(recorded)) for (const evaluated of recorded) steps.push(...evaluated.trace);
    else if (recorded) steps.push(...recorded.trace);
    collected.steps = steps.length > 1 ? dedupeTrace(steps) : steps;
    collected.recorded = undefined;
  }
}

/** The trace of a lazily traced evaluation: the parts it rests on are made first, innermost first, with a stack of its own. */
function traceOf(start: Evaluated): readonly TraceStep[] {
  const stack: HasTrace[] = [start];
  const expanded = new Set<HasTrace>();
  while (stack.length) {
    const item = stack[stack.length - 1];
    const parts = expanded.has(item) ? [] : pendingParts(item);
    if (parts.length) {
      expanded.add(item);
      for (let at = parts.length - 1; at >= 0; at--) stack.push(parts[at]);
      continue;
    }
    stack.pop();
    makeSteps(item);
  }
  return (start as unknown as { steps: readonly TraceStep[] }).steps;
}

/**
 * Steps saying the same thing once, without formatting them: steps of this evaluator are the same
 * when their place, name, label and value are (an unknown's value by its reason, an object by
 * identity); other steps, which come with their message, by message.
 */
function dedupeTrace(steps: TraceStep[]): TraceStep[] {
  const messages = new Set<string>();
  const kept: TraceStepFields[] = [];
  return steps.filter((step) => {
    if (Object.getPrototypeOf(step) !== TRACE_STEP) {
      if (messages.has(step.message)) return false;
      messages.add(step.message);
      return true;
    }
    const fields = step as unknown as TraceStepFields;
    if (kept.some((other) => sameStep(other, fields))) return false;
    kept.push(fields);
    return true;
  });
}

function sameStep(a: TraceStepFields, b: TraceStepFields): boolean {
  return (
    a.range.startOffset === b.range.startOffset &&
    a.range.file === b.range.file &&
    a.name === b.name &&
    a.label === b.label &&
    (a.value === b.value ||
      (a.value instanceof Unknown && b.value instanceof Unknown && a.value.reason === b.value.reason))
  );
}
