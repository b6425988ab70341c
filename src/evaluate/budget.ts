/**
 * Limits on evaluation, so hostile or pathological configuration (a string doubled twenty times,
 * nested `for` over large ranges, a module that calls itself with `count`) ends in an unknown value
 * with an evaluation note instead of exhausting memory or never finishing. Terraform would reject
 * or choke on every input that reaches them; no real configuration comes near.
 */
import { isObject, type Value } from "../model/value.js";
import { EvaluationError } from "./functions/errors.js";

/** Characters in one string value (1 MiB). */
export const MAX_STRING_LENGTH = 1024 * 1024;
/** Elements of one list, set or object value. */
export const MAX_COLLECTION_SIZE = 100_000;
/** Elements of a value counted two levels deep (a list of lists): nested `for` over large ranges. */
export const MAX_NESTED_ELEMENTS = 1_000_000;
/** Expression steps, plus elements made by functions, in one root module and everything it calls. */
export const MAX_STEPS_PER_ROOT = 10_000_000;
/** Module instances made under one root module. */
export const MAX_MODULE_INSTANCES_PER_ROOT = 10_000;
/**
 * Evaluations inside one another: a local read by a local read by a local... Each level costs a
 * few dozen stack frames, and parsing an expression on first read costs more, so a chain of a few
 * hundred exhausted the stack. Real configuration chains a few dozen at most.
 */
export const MAX_NESTED_EVALUATIONS = 150;

export class EvaluationBudget {
  private steps = 0;
  private instances = 0;

  constructor(private readonly maxSteps = MAX_STEPS_PER_ROOT) {}

  /** Spends `cost` steps; false once the root's allowance is used up (and from then on). */
  spend(cost = 1): boolean {
    this.steps += cost;
    return this.steps <= this.maxSteps;
  }

  get limit(): number {
    return this.maxSteps;
  }

  private nesting = 0;

  /** Enters one more evaluation inside the current one; false (and not entered) past the limit. */
  enter(): boolean {
    if (this.nesting >= MAX_NESTED_EVALUATIONS) return false;
    this.nesting++;
    return true;
  }

  leave(): void {
    this.nesting--;
  }

  /** Counts more module instances; false past the allowance. */
  addInstances(count: number): boolean {
    this.instances += count;
    return this.instances <= MAX_MODULE_INSTANCES_PER_ROOT;
  }
}

export function budgetExhausted(budget: EvaluationBudget): EvaluationError {
  return new EvaluationError(
    `evaluation stopped: this root module needs more than ${budget.limit.toLocaleString("en-GB")} evaluation steps`,
  );
}

/** The value, or an error when it is larger than one value may be. */
export function withinSizeLimits(value: Value, what: string): Value {
  if (typeof value === "string" && value.length > MAX_STRING_LENGTH)
    return new EvaluationError(`${what}: a string longer than ${MAX_STRING_LENGTH} characters`);
  if (Array.isArray(value) && value.length > MAX_COLLECTION_SIZE)
    return new EvaluationError(`${what}: a collection of more than ${MAX_COLLECTION_SIZE} elements`);
  if (isObject(value)) {
    let keys = 0;
    for (const key in value)
      if (Object.hasOwn(value, key) && ++keys > MAX_COLLECTION_SIZE)
        return new EvaluationError(`${what}: an object of more than ${MAX_COLLECTION_SIZE} attributes`);
  }
  return value;
}

/** Elements a value holds at its top level: what making it cost. */
export function sizeOf(value: Value): number {
  if (typeof value === "string") return value.length >> 10;
  if (Array.isArray(value)) return value.length;
  return isObject(value) ? Object.keys(value).length : 0;
}
