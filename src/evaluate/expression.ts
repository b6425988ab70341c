/**
 * Evaluates HCL expressions to values. What the scope cannot supply (variables without values,
 * resource attributes, unknown functions) becomes `Unknown`, carrying the resources it refers to;
 * no operation on an unknown pretends to know its result.
 */
import type { Expression, TemplateExpression } from "../parsers/hcl/ast.js";
import { EvaluationError } from "./functions/errors.js";
import {
  EvaluationBudget,
  MAX_COLLECTION_SIZE,
  MAX_STRING_LENGTH,
  MAX_NESTED_ELEMENTS,
  budgetExhausted,
  sizeOf,
  withinSizeLimits,
} from "./budget.js";
import { capText } from "../source/cap-text.js";
import { flat } from "../source/flat-string.js";
import {
  Unknown,
  isObject,
  isUnknown,
  referencesOf,
  type ModuleInstance,
  type Reference,
  type Value,
  type ValueObject,
} from "../model/value.js";

/** Supplies values for names an expression refers to. */
export interface EvaluationScope {
  /**
   * Resolves a traversal rooted at a name (`var.x`, `aws_lb.portal.arn`). `undefined` = no such name.
   * `indexed[i]` says step i was an index (`["web"]`, `[0]`) rather than an attribute.
   */
  resolve(
    root: string,
    steps: readonly (string | number)[],
    text: string,
    indexed?: readonly boolean[],
  ): Value | undefined;
  /** Calls a function; `undefined` when the function is not known. `site` is the call in the source text. */
  call?(name: string, args: Value[], site?: { start: number; end: number }): Value | undefined;
}

const MAX_EVALUATION_DEPTH = 1_000;

/** Names that are never resource types. */
const NON_RESOURCE_ROOTS = new Set(["var", "local", "module", "data", "each", "count", "path", "terraform", "self"]);

/** A scope that knows no variables but still records which resources are referenced. */
export function referenceOnlyScope(module: ModuleInstance): EvaluationScope {
  return { resolve: (root, steps, text, indexed) => unresolvedTraversal(module, root, steps, text, indexed) };
}

/** The unknown value of a traversal no scope could resolve, with its resource reference. */
export function unresolvedTraversal(
  module: ModuleInstance,
  root: string,
  steps: readonly (string | number)[],
  text: string,
  indexed: readonly boolean[] = [],
): Unknown {
  const prefix = module.address ? `${module.address}.` : "";
  let address: string;
  let at: number;
  if (root === "data" && typeof steps[0] === "string" && typeof steps[1] === "string") {
    address = `${prefix}data.${steps[0]}.${steps[1]}`;
    at = 2;
  } else if (!NON_RESOURCE_ROOTS.has(root) && typeof steps[0] === "string") {
    address = `${prefix}${root}.${steps[0]}`;
    at = 1;
  } else return new Unknown(text);
  address = flat(address);
  // The step after the resource name, when it is an index, picks one instance (`aws_lb.web["a"]`).
  const reference: Reference = indexed[at]
    ? { module, address, path: pathFrom(steps, at + 1), key: steps[at] }
    : { module, address, path: pathFrom(steps, at) };
  return new Unknown(text, [reference]);
}

/** One-step paths (`["arn"]`, most references' own), one list per name: references are never changed. */
const ONE_STEP_PATHS = new Map<string, string[]>();

function pathFrom(steps: readonly (string | number)[], at: number): string[] {
  const step = steps[at];
  if (steps.length !== at + 1 || typeof step !== "string") return steps.slice(at).map(String);
  let path = ONE_STEP_PATHS.get(step);
  if (path === undefined) ONE_STEP_PATHS.set(step, (path = [step]));
  return path;
}

/**
 * A name bound by a for expression, a splat, a dynamic-block iterator, `count` or `each`, over the
 * names bound outside it: one name a frame (a for expression's key and value are two), a small
 * object rather than a map, since resources and module calls keep theirs until evaluated.
 */
export interface Frame {
  readonly name: string;
  readonly value: Value;
  readonly parent: Frame | undefined;
}

export function bind(name: string, value: Value, parent?: Frame): Frame {
  return { name, value, parent };
}

/** A for expression's or template directive's names: the value's binds over the key's (the value wins a shared name). */
function bindEntry(keyVariable: string | undefined, key: Value, valueVariable: string, value: Value, parent?: Frame) {
  return bind(valueVariable, value, keyVariable ? bind(keyVariable, key, parent) : parent);
}

export class ExpressionEvaluator {
  constructor(
    private readonly scope: EvaluationScope,
    /** Source text of the file, to name unknowns after what the user wrote. */
    private readonly sourceText: string,
    /** The root module's allowance of steps, shared by every evaluator under it. */
    private readonly budget: EvaluationBudget = new EvaluationBudget(),
  ) {}

  private depth = 0;

  evaluate(expression: Expression, frame?: Frame): Value {
    // Left-deep operator chains can be far deeper than the parser's nesting limit.
    if (this.depth > MAX_EVALUATION_DEPTH) return new Unknown("expression nested too deeply to evaluate");
    if (!this.budget.spend()) return budgetExhausted(this.budget);
    this.depth++;
    try {
      return this.evaluateNode(expression, frame);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(expression: Expression, frame?: Frame): Value {
    switch (expression.kind) {
      case "Literal":
        return expression.value;
      case "Template":
        return this.template(expression, frame);
      case "Parentheses":
        return this.evaluate(expression.expression, frame);
      case "Variable":
      case "GetAttr":
      case "Index":
        return this.traversal(expression, frame);
      case "SplatItem":
        return lookupSymbol(frame, "") ?? new Unknown("splat item");
      case "Splat":
        return this.splat(expression, frame);
      case "Tuple":
        return expression.items.map((item) => this.evaluate(item, frame));
      case "Object":
        return this.object(expression, frame);
      case "FunctionCall":
        return this.functionCall(expression, frame);
      case "For":
        return this.forExpression(expression, frame);
      case "Conditional": {
        const condition = toBool(this.evaluate(expression.condition, frame));
        if (typeof condition === "boolean")
          return this.evaluate(condition ? expression.trueResult : expression.falseResult, frame);
        const results = [this.evaluate(expression.trueResult, frame), this.evaluate(expression.falseResult, frame)];
        const unknown = unknownFrom(this.text(expression), [condition, ...results]);
        if (unknown instanceof EvaluationError) return unknown;
        return new Unknown(unknown.reason, unknown.references, { kind: "choice", values: results });
      }
      case "Unary": {
        const operand = this.evaluate(expression.operand, frame);
        if (isUnknown(operand)) return unknownFrom(this.text(expression), [operand]);
        if (expression.operator === "!") {
          const bool = toBool(operand);
          return typeof bool === "boolean" ? !bool : new Unknown(this.text(expression));
        }
        const number = toNumber(operand);
        return number === undefined ? new Unknown(this.text(expression)) : -number;
      }
      case "Binary":
        return this.binary(expression, frame);
      case "Invalid":
        return new Unknown(expression.reason ?? "invalid expression");
    }
  }

  private text(expression: Expression): string {
    return this.sourceText.slice(expression.start, expression.end);
  }

  /** The expression's text as a message names it: a huge expression is not repeated in full. */
  private capped(expression: Expression): string {
    return capText(this.text(expression));
  }

  private template(expression: TemplateExpression, frame?: Frame, whole = true): Value {
    const parts = expression.parts;
    // "${x}" alone yields x's value unconverted, as Terraform does.
    if (whole && parts.length === 1 && parts[0].kind === "TemplateInterpolation" && !expression.heredoc) {
      return this.evaluate(parts[0].expression, frame);
    }
    let result = "";
    const unknowns: Value[] = [];
    // The fixed text with the unknown interpolations between, for rules that search the text.
    const known: (string | Unknown)[] = [];
    for (const part of parts) {
      if (result.length > MAX_STRING_LENGTH) return withinSizeLimits(result, this.capped(expression));
      if (part.kind === "TemplateLiteral") {
        result += part.value;
      } else if (part.kind === "TemplateInterpolation") {
        const value = this.evaluate(part.expression, frame);
        const text = toTemplateString(value);
        if (text === undefined) {
          unknowns.push(value);
          known.push(result, isUnknown(value) ? value : new Unknown(this.text(part.expression)));
          result = "";
        } else result += text;
      } else if (part.kind === "TemplateIf") {
        const condition = this.evaluate(part.condition, frame);
        if (typeof condition !== "boolean") {
          unknowns.push(condition);
          continue;
        }
        const branch = condition ? part.then : part.else;
        if (!branch) continue;
        const text = toTemplateString(this.template(branch, frame, false));
        if (text === undefined) unknowns.push(new Unknown(this.text(branch)));
        else result += text;
      } else {
        const collection = this.evaluate(part.collection, frame);
        const entries = iterate(collection);
        if (!entries) {
          unknowns.push(collection);
          continue;
        }
        for (const [key, value] of entries) {
          const inner = bindEntry(part.keyVariable, key, part.valueVariable, value, frame);
          const text = toTemplateString(this.template(part.body, inner, false));
          if (text === undefined) unknowns.push(new Unknown(this.text(part.body)));
          else result += text;
          if (result.length > MAX_STRING_LENGTH) return withinSizeLimits(result, this.capped(expression));
        }
      }
    }
    if (result.length > MAX_STRING_LENGTH) return withinSizeLimits(result, this.capped(expression));
    if (!unknowns.length) return result;
    const unknown = unknownFrom(this.text(expression), unknowns);
    // Only interpolations were unknown: the text around them is what the template holds. An error
    // stays an error (its note must reach the user).
    if (known.length / 2 !== unknowns.length || unknown instanceof EvaluationError) return unknown;
    return new Unknown(unknown.reason, unknown.references, { kind: "text", parts: [...known, result] });
  }

  private traversal(expression: Expression, frame?: Frame): Value {
    // Flatten a.b[0].c into a root and static steps; dynamic indexes fall back to step-by-step.
    // Counted first, so the lists are made at their size (every reference makes them).
    let length = 0;
    let node: Expression = expression;
    while (staticStep(node) !== undefined) {
      length++;
      node = (node as Extract<Expression, { kind: "GetAttr" | "Index" }>).object;
    }
    const steps = new Array<string | number>(length);
    const indexed = new Array<boolean>(length);
    node = expression;
    for (let at = length - 1; at >= 0; at--) {
      const step = node as Extract<Expression, { kind: "GetAttr" | "Index" }>;
      steps[at] = staticStep(step) as string | number;
      indexed[at] = step.kind === "Index";
      node = step.object;
    }
    if (node.kind === "Variable") {
      const symbol = lookupSymbol(frame, node.name);
      if (symbol !== undefined) return getPath(symbol, steps, this.text(expression));
      // The scope resolves the whole traversal: it may know `var.x` but not `aws_lb.y.arn`.
      // null is a value (an unset optional argument), only undefined means "no such name".
      const resolved = this.scope.resolve(node.name, steps, this.text(expression), indexed);
      return resolved === undefined ? new Unknown(this.text(expression)) : resolved;
    }
    if (node.kind === "Index") {
      const object = this.evaluate(node.object, frame);
      const key = this.evaluate(node.key, frame);
      return getPath(index(object, key, this.text(node)), steps, this.text(expression));
    }
    return getPath(this.evaluate(node, frame), steps, this.text(expression));
  }

  private splat(expression: Extract<Expression, { kind: "Splat" }>, frame?: Frame): Value {
    const source = this.evaluate(expression.source, frame);
    if (isUnknown(source)) return unknownFrom(this.text(expression), [source]);
    // A non-list value splats as a one-element list; null as an empty one.
    const items = Array.isArray(source) ? source : source === null ? [] : [source];
    return items.map((item) => this.evaluate(expression.each, bind("", item, frame)));
  }

  private object(expression: Extract<Expression, { kind: "Object" }>, frame?: Frame): Value {
    const result: ValueObject = {};
    let unknownKeys: Value[] | undefined;
    const values: Value[] = [];
    for (const item of expression.items) {
      const key = this.evaluate(item.key, frame);
      const name = toTemplateString(key);
      const value = this.evaluate(item.value, frame);
      values.push(value);
      if (name === undefined) (unknownKeys ??= []).push(key);
      else result[name] = value;
    }
    if (!unknownKeys) return result;
    // Which keys it has is not known, but what it holds is: a for_each over it still links each instance.
    const unknown = unknownFrom(this.text(expression), [...unknownKeys, ...values.filter(isNotError)]);
    if (unknown instanceof EvaluationError) return unknown;
    return new Unknown(unknown.reason, unknown.references, { kind: "values", values });
  }

  private functionCall(expression: Extract<Expression, { kind: "FunctionCall" }>, frame?: Frame): Value {
    const args = expression.args.map((arg) => this.evaluate(arg, frame));
    if (expression.expandFinal && args.length) {
      const last = args.pop() as Value;
      if (!Array.isArray(last)) return unknownFrom(this.text(expression), [last, ...args]);
      args.push(...last);
    }
    const result = this.scope.call?.(expression.name, args, expression);
    if (result === undefined) return unknownFrom(this.text(expression), args);
    // What a function made counts against the budget: range() or setproduct() is one step of many elements.
    if (!this.budget.spend(sizeOf(result))) return budgetExhausted(this.budget);
    return withinSizeLimits(result, `${expression.name}(...)`);
  }

  private forExpression(expression: Extract<Expression, { kind: "For" }>, frame?: Frame): Value {
    const collection = this.evaluate(expression.collection, frame);
    const entries = iterate(collection);
    if (!entries) return unknownFrom(this.text(expression), [collection]);
    const list: Value[] = [];
    const object: Record<string, Value> = {};
    const groups: Record<string, Value[]> = {};
    let made = 0;
    let nested = 0;
    // Values whose key is not known: the object is then unknown, holding these and the keyed ones.
    let unkeyed: Value[] | undefined;
    for (const [key, value] of entries) {
      if (++made > MAX_COLLECTION_SIZE) return withinSizeLimits(entries, this.capped(expression));
      if (nested > MAX_NESTED_ELEMENTS)
        return new EvaluationError(
          `${this.capped(expression)}: more than ${MAX_NESTED_ELEMENTS} elements in its lists and objects`,
        );
      const inner = bindEntry(expression.keyVariable, key, expression.valueVariable, value, frame);
      if (expression.condition) {
        const keep = this.evaluate(expression.condition, inner);
        if (typeof keep !== "boolean") return unknownFrom(this.text(expression), [keep]);
        if (!keep) continue;
      }
      const item = this.evaluate(expression.valueExpression, inner);
      nested += 1 + sizeOf(item);
      if (!expression.keyExpression) {
        list.push(item);
        continue;
      }
      const name = toTemplateString(this.evaluate(expression.keyExpression, inner));
      if (name === undefined) {
        // Grouped values depend on the keys; otherwise what the object holds is still known.
        if (expression.grouping) return new Unknown(this.text(expression), referencesOf(collection));
        (unkeyed ??= []).push(item);
      } else if (expression.grouping) (groups[name] ??= []).push(item);
      else object[name] = item;
    }
    if (!expression.keyExpression) return list;
    if (unkeyed)
      return new Unknown(this.text(expression), referencesOf(collection), {
        kind: "values",
        values: [...Object.values(object), ...unkeyed],
      });
    return expression.grouping ? groups : object;
  }

  private binary(expression: Extract<Expression, { kind: "Binary" }>, frame?: Frame): Value {
    const operator = expression.operator;
    const logical = operator === "&&" || operator === "||";
    const left = logical ? toBool(this.evaluate(expression.left, frame)) : this.evaluate(expression.left, frame);
    // Terraform does not short-circuit, but a known false/true decides the result anyway.
    if (operator === "&&" && left === false) return false;
    if (operator === "||" && left === true) return true;
    const right = logical ? toBool(this.evaluate(expression.right, frame)) : this.evaluate(expression.right, frame);
    if (operator === "&&" && right === false) return false;
    if (operator === "||" && right === true) return true;
    if (isUnknown(left) || isUnknown(right)) return unknownFrom(this.text(expression), [left, right]);
    switch (operator) {
      case "&&":
      case "||":
        return typeof left === "boolean" && typeof right === "boolean"
          ? operator === "&&"
            ? left && right
            : left || right
          : new Unknown(this.text(expression));
      case "==":
        return deepEqual(left, right);
      case "!=":
        return !deepEqual(left, right);
    }
    const a = toNumber(left);
    const b = toNumber(right);
    if (a === undefined || b === undefined) return new Unknown(this.text(expression));
    switch (operator) {
      case "<":
        return a < b;
      case "<=":
        return a <= b;
      case ">":
        return a > b;
      case ">=":
        return a >= b;
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? new Unknown(`${this.text(expression)} (division by zero)`) : a / b;
      case "%":
        return b === 0 ? new Unknown(`${this.text(expression)} (division by zero)`) : a % b;
    }
  }
}

/** The step an attribute access or a literal index takes, or `undefined` for anything else. */
function staticStep(node: Expression): string | number | undefined {
  if (node.kind === "GetAttr") return node.name;
  if (
    node.kind === "Index" &&
    node.key.kind === "Literal" &&
    (typeof node.key.value === "string" || typeof node.key.value === "number")
  )
    return node.key.value;
  return undefined;
}

function lookupSymbol(frame: Frame | undefined, name: string): Value | undefined {
  for (let current = frame; current; current = current.parent) {
    if (current.name === name) return current.value;
  }
  return undefined;
}

/** An unknown that keeps every resource reference of the values it was derived from. */
export function unknownFrom(reason: string, sources: readonly Value[]): Unknown {
  // An error stays an error through what is built from it, so its note reaches the user.
  for (const source of sources) if (source instanceof EvaluationError) return source;
  // The references of the one source that has any are shared, not copied (they are never changed).
  let only: readonly Reference[] | undefined;
  let several: Reference[] | undefined;
  for (const source of sources) {
    if (source === null || typeof source !== "object") continue;
    const references = source instanceof Unknown ? source.references : referencesOf(source);
    if (!references.length) continue;
    if (several) several.push(...references);
    else if (only) several = [...only, ...references];
    else only = references;
  }
  return new Unknown(reason, several ?? only);
}

function isNotError(value: Value): boolean {
  return !(value instanceof EvaluationError);
}

/** The value at `steps` (from the step at `from`) inside `value`. */
export function getPath(value: Value, steps: readonly (string | number)[], text: string, from = 0): Value {
  let current = value;
  for (let at = from; at < steps.length; at++) {
    current = index(current, steps[at], text);
    if (isUnknown(current)) return current;
  }
  return current;
}

function index(value: Value, key: Value, text: string): Value {
  // `aws_lb.web[each.key]`: a known key picks one instance of the resource the unknown refers to.
  if (isUnknown(value) && (typeof key === "string" || typeof key === "number")) {
    return new Unknown(
      value.reason,
      value.references.map((reference) =>
        reference.key === undefined && reference.path.length === 0 ? { ...reference, key } : reference,
      ),
    );
  }
  if (isUnknown(value)) return value;
  if (isUnknown(key)) return unknownFrom(text, [key]);
  if (Array.isArray(value)) {
    const position = toNumber(key);
    if (position === undefined || !Number.isInteger(position) || position < 0 || position >= value.length)
      return new EvaluationError(`${text} (invalid index)`);
    return value[position];
  }
  if (isObject(value)) {
    const name = toTemplateString(key);
    if (name === undefined || !Object.prototype.hasOwnProperty.call(value, name))
      return new EvaluationError(`${text} (no such key)`);
    return value[name];
  }
  // Indexing null or a primitive is an error Terraform reports, which try() and can() catch.
  return new EvaluationError(`${text} (not indexable)`);
}

/** Key/value pairs of a collection, or `undefined` when it cannot be iterated. */
export function iterate(collection: Value): [Value, Value][] | undefined {
  if (Array.isArray(collection)) return collection.map((value, position) => [position, value]);
  if (isObject(collection))
    return Object.keys(collection)
      .sort()
      .map((key) => [key, collection[key]]);
  return undefined;
}

/** Terraform's conversion of a primitive to string for interpolation; `undefined` when impossible. */
export function toTemplateString(value: Value): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return undefined;
}

/** Where Terraform expects a bool it converts the strings "true" and "false"; anything else stays as it is. */
function toBool(value: Value): Value {
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

function toNumber(value: Value): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}
