/**
 * Values as rules see them. Anything the scan cannot know is an `Unknown`, which remembers the
 * resources it was derived from, so `aws_lb.portal.arn` is still matched to `aws_lb.portal`.
 */

export interface Reference {
  /** The module instance the reference was written in (addresses repeat across root modules). */
  module: ModuleInstance;
  /** Full resource address, e.g. `aws_lb.portal` or `module.web.aws_lb.this`. */
  address: string;
  /** Attribute path after the address (and instance key), e.g. `["arn"]`. */
  path: string[];
  /** The instance the reference picks (`aws_lb.web["a"]`, `aws_lb.web[0]`); unset for all of them. */
  key?: string | number;
}

/** One instance of a Terraform module: a root directory, or a module call inside one. */
/** How sure it is that a count/for_each creates an instance; unset when nothing makes it doubtful. */
export type Existence = "unknown" | "default";

/** The less certain of two existences. */
export function lessCertain(a: Existence | undefined, b: Existence | undefined): Existence | undefined {
  return a === "unknown" || b === "unknown" ? "unknown" : (a ?? b);
}

export interface ModuleInstance {
  /** Directory of the module's files (as shown to users). */
  readonly directory: string;
  /** "" for a root module, `module.web` (or `module.web["a"]`) for a call. */
  readonly address: string;
  /** The root module directory this instance belongs to. */
  readonly root: string;
  /** Where the caller declares this instance (`module "web" {`), for module instances. */
  readonly call?: import("../source/source-file.js").SourceRange;
  /**
   * Whether the instance exists depends on a count/for_each (here or in a caller) that iflint cannot
   * resolve ("unknown"), or that rests on a variable default ("default").
   */
  readonly existence?: Existence;
}

/**
 * What is known of an unknown value, for rules that search it: a template's fixed text around its
 * unknown parts, the two results of a conditional whose condition is unknown, the structure
 * `jsonencode` was given when some member of it is unknown, or the values of a map whose keys are
 * not all known (`{ "${var.environment}-origin" = module.web.fqdn }`), which a `for_each` over it
 * gives as `each.value`.
 */
export type KnownParts =
  | { kind: "text"; parts: readonly (string | Unknown)[] }
  | { kind: "choice"; values: readonly Value[] }
  | { kind: "json"; value: Value }
  | { kind: "values"; values: readonly Value[] };

/** The references of the many unknowns that carry none (lists in values are never added to). */
const NO_REFERENCES: readonly Reference[] = Object.freeze([]);

export class Unknown {
  constructor(
    /** Why it is unknown, for traces: `var.office_cidrs`, `data.aws_vpc.main.cidr_block`. */
    readonly reason: string,
    readonly references: readonly Reference[] = NO_REFERENCES,
    readonly known?: KnownParts,
  ) {}
}

export type Value = null | string | number | boolean | Value[] | ValueObject | Unknown;
export interface ValueObject {
  [key: string]: Value;
}

/** `module.alb` or `module.app.module.alb`: a reference to a module call's outputs, not to a resource. */
export function isModuleOutput(address: string): boolean {
  return /(^|\.)module\.[^.]+$/.test(address);
}

export function isUnknown(value: Value | undefined): value is Unknown {
  return value instanceof Unknown;
}

export function isObject(value: Value | undefined): value is ValueObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: Value | undefined): boolean {
  if (value instanceof Unknown) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** All resource references a value carries, including those nested in lists and objects. */
export function referencesOf(value: Value | undefined): Reference[] {
  if (value instanceof Unknown) return [...value.references];
  if (Array.isArray(value)) return value.flatMap(referencesOf);
  if (isObject(value)) return Object.values(value).flatMap(referencesOf);
  return [];
}

export function asString(value: Value | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Terraform's string-to-bool conversion: "true"/"false" strings convert. */
export function asBoolean(value: Value | undefined): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function asNumber(value: Value | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** How much of a value messages and traces show: enough to recognise it, never a whole file or a huge list. */
const MAX_FORMATTED_CHARACTERS = 240;

/** Renders a value for messages and traces, compactly, as JSON cut off past a few hundred characters. */
export function formatValue(value: Value | undefined): string {
  if (value === undefined) return "(unset)";
  if (value instanceof Unknown) return `(unknown: ${value.reason})`;
  const parts: string[] = [];
  let length = 0;
  // Writes until the budget is spent: a list of 100,000 one-megabyte strings costs no more than a short one.
  const write = (text: string): boolean => {
    parts.push(text.length > MAX_FORMATTED_CHARACTERS ? text.slice(0, MAX_FORMATTED_CHARACTERS) : text);
    length += text.length;
    return length <= MAX_FORMATTED_CHARACTERS;
  };
  const visit = (current: Value): boolean => {
    if (current instanceof Unknown) return write(JSON.stringify(`(unknown: ${current.reason})`));
    if (current === null || typeof current !== "object") return write(JSON.stringify(current));
    const list = Array.isArray(current);
    if (!write(list ? "[" : "{")) return false;
    let first = true;
    for (const key of list ? current.keys() : Object.keys(current)) {
      if (!first && !write(",")) return false;
      first = false;
      if (!list && !write(`${JSON.stringify(key)}:`)) return false;
      if (!visit(list ? current[key as number] : (current as ValueObject)[key as string])) return false;
    }
    return write(list ? "]" : "}");
  };
  const complete = visit(value);
  const text = parts.join("");
  return complete ? text : `${text.slice(0, MAX_FORMATTED_CHARACTERS - 1)}…`;
}
