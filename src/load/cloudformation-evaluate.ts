/**
 * CloudFormation's intrinsic functions evaluated statically, as Terraform expressions are: what the
 * template and its parameters fix is a value; what only the deployment knows (pseudo parameters,
 * imports, SSM and Secrets Manager references, a condition on an unknown parameter) stays unknown.
 * `Ref` and `Fn::GetAtt` to a resource are references, so cross-resource rules find the resource.
 */
import {
  Unknown,
  asString,
  containsUnknown,
  isUnknown,
  referencesOf,
  type Reference,
  type Value,
} from "../model/value.js";
import { deepEqual } from "../evaluate/expression.js";
import { valueOf, type TemplateNode } from "../parsers/cloudformation/template-tree.js";

/** `AWS::NoValue`: the property is removed, as if not written. */
export const NO_VALUE = new Unknown("AWS::NoValue");

export interface ParameterValue {
  value: Value;
  /** From the template's `Default` rather than a parameters file. */
  fromDefault: boolean;
}

export interface EvaluationScope {
  parameters: ReadonlyMap<string, ParameterValue>;
  mappings: TemplateNode | undefined;
  conditions: TemplateNode | undefined;
  /** The reference a `Ref` or `Fn::GetAtt` to a resource stands for; undefined when no such resource. */
  resourceReference(logicalId: string, attribute: string[]): Reference | undefined;
  /** The value another template of the repository exports under this name; undefined when none (or several) does. */
  importValue?(name: string): Value | undefined;
}

/** Evaluation steps allowed per template: a hostile template must not make a scan hang. */
const STEP_LIMIT = 1_000_000;

export class TemplateEvaluator {
  /** Set while evaluating when a value rested on a parameter's default. */
  usedDefault = false;
  private steps = 0;
  private readonly conditionValues = new Map<string, boolean | Unknown>();
  /** Conditions whose value rested on a parameter's default (so does whatever they decide). */
  private readonly defaultedConditions = new Set<string>();
  private readonly evaluatingConditions = new Set<string>();

  constructor(private readonly scope: EvaluationScope) {}

  /** A condition by name: true, false, or unknown. */
  condition(name: string): boolean | Unknown {
    const known = this.conditionValues.get(name);
    if (known !== undefined) {
      if (this.defaultedConditions.has(name)) this.usedDefault = true;
      return known;
    }
    const node = valueOf(this.scope.conditions, name);
    if (!node || this.evaluatingConditions.has(name)) return new Unknown(`condition ${name} is not defined`);
    this.evaluatingConditions.add(name);
    const outer = this.usedDefault;
    this.usedDefault = false;
    const value = this.evaluate(node);
    if (this.usedDefault) this.defaultedConditions.add(name);
    this.usedDefault ||= outer;
    this.evaluatingConditions.delete(name);
    const result = typeof value === "boolean" ? value : isUnknown(value) ? value : new Unknown(`condition ${name}`);
    this.conditionValues.set(name, result);
    return result;
  }

  /** True when the condition's value rested on a parameter's default. */
  conditionUsesDefault(name: string): boolean {
    return this.defaultedConditions.has(name);
  }

  evaluate(node: TemplateNode, depth = 0): Value {
    if (++this.steps > STEP_LIMIT || depth > 200) return new Unknown("template too large to evaluate");
    switch (node.kind) {
      case "scalar":
        return typeof node.value === "string" ? dynamicReference(node.value) : node.value;
      case "array":
        return node.items.map((item) => this.evaluate(item, depth + 1)).filter((value) => value !== NO_VALUE);
      case "object": {
        if (node.entries.length === 1) {
          const [{ key, value }] = node.entries;
          if (key === "Ref" || key === "Condition" || key.startsWith("Fn::"))
            return this.intrinsic(key, value, depth + 1);
        }
        const result: Record<string, Value> = {};
        for (const entry of node.entries) {
          const value = this.evaluate(entry.value, depth + 1);
          if (value !== NO_VALUE) result[entry.key] = value;
        }
        return result;
      }
    }
  }

  private intrinsic(name: string, argument: TemplateNode, depth: number): Value {
    const args = (): Value[] => {
      const value = this.evaluate(argument, depth);
      return Array.isArray(value) ? value : [value];
    };
    switch (name) {
      case "Ref":
        return this.ref(argument);
      case "Condition": {
        const conditionName = argument.kind === "scalar" ? String(argument.value) : "";
        return this.condition(conditionName);
      }
      case "Fn::GetAtt":
        return this.getAtt(argument, depth);
      case "Fn::If":
        return this.fnIf(argument, depth);
      case "Fn::Equals": {
        const [a, b] = args();
        if (containsUnknown(a) || containsUnknown(b)) return unknownFrom("Fn::Equals of an unknown value", [a, b]);
        return deepEqual(normalise(a), normalise(b));
      }
      case "Fn::Not": {
        const [a] = args();
        return typeof a === "boolean" ? !a : unknownFrom("Fn::Not of an unknown condition", [a]);
      }
      case "Fn::And":
      case "Fn::Or": {
        const values = args();
        const decisive = name === "Fn::And" ? false : true;
        if (values.includes(decisive)) return decisive;
        if (values.every((value) => typeof value === "boolean")) return !decisive;
        return unknownFrom(`${name} of an unknown condition`, values);
      }
      case "Fn::Sub":
        return this.sub(argument, depth);
      case "Fn::Join": {
        const [delimiter, list] = args();
        if (typeof delimiter !== "string" || !Array.isArray(list))
          return unknownFrom("Fn::Join of unknown values", [list]);
        const strings = list.map(asString);
        if (strings.some((item) => item === undefined)) return unknownFrom("Fn::Join of unknown values", list);
        return strings.join(delimiter);
      }
      case "Fn::Select": {
        const [index, list] = args();
        const at = typeof index === "number" ? index : Number(asString(index));
        if (!Array.isArray(list) || !Number.isInteger(at)) return unknownFrom("Fn::Select of unknown values", [list]);
        return list[at] ?? new Unknown("Fn::Select index out of range");
      }
      case "Fn::Split": {
        const [delimiter, text] = args();
        if (typeof delimiter !== "string" || typeof text !== "string" || !delimiter)
          return unknownFrom("Fn::Split of an unknown string", [text]);
        return text.split(delimiter);
      }
      case "Fn::FindInMap":
        return this.findInMap(args());
      case "Fn::Base64": {
        const [text] = args();
        return typeof text === "string" ? Buffer.from(text).toString("base64") : unknownFrom("Fn::Base64", [text]);
      }
      case "Fn::ToJsonString": {
        const value = this.evaluate(argument, depth);
        return containsUnknown(value)
          ? unknownFrom("Fn::ToJsonString of unknown values", [value])
          : JSON.stringify(value);
      }
      case "Fn::Length": {
        const value = this.evaluate(argument, depth);
        return Array.isArray(value) ? value.length : unknownFrom("Fn::Length", [value]);
      }
      case "Fn::ImportValue": {
        const [name] = args();
        const imported = typeof name === "string" ? this.scope.importValue?.(name) : undefined;
        return imported ?? new Unknown("Fn::ImportValue (another stack's export)");
      }
      case "Fn::GetAZs":
        return new Unknown("Fn::GetAZs (the region's availability zones)");
      default:
        return unknownFrom(`${name} is not evaluated`, [this.evaluate(argument, depth)]);
    }
  }

  private ref(argument: TemplateNode): Value {
    const name = argument.kind === "scalar" ? String(argument.value) : "";
    if (name === "AWS::NoValue") return NO_VALUE;
    const parameter = this.scope.parameters.get(name);
    if (parameter) {
      if (parameter.fromDefault) this.usedDefault = true;
      return parameter.value;
    }
    if (name.startsWith("AWS::")) return new Unknown(`${name} (known when deployed)`);
    const reference = this.scope.resourceReference(name, []);
    return new Unknown(`Ref ${name}`, reference ? [reference] : []);
  }

  private getAtt(argument: TemplateNode, depth: number): Value {
    const value = this.evaluate(argument, depth);
    const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(".") : [];
    const [logicalId, ...attribute] = parts.map((part) => asString(part) ?? "?");
    const reference = logicalId ? this.scope.resourceReference(logicalId, attribute) : undefined;
    return new Unknown(
      `Fn::GetAtt ${parts.map((part) => asString(part) ?? "?").join(".")}`,
      reference ? [reference] : [],
    );
  }

  private fnIf(argument: TemplateNode, depth: number): Value {
    if (argument.kind !== "array" || argument.items.length !== 3) return new Unknown("malformed Fn::If");
    const [conditionNode, whenTrue, whenFalse] = argument.items;
    const name = conditionNode.kind === "scalar" ? String(conditionNode.value) : "";
    const condition = this.condition(name);
    if (condition === true) return this.evaluate(whenTrue, depth);
    if (condition === false) return this.evaluate(whenFalse, depth);
    const a = this.evaluate(whenTrue, depth);
    const b = this.evaluate(whenFalse, depth);
    if (deepEqual(a, b) && !containsUnknown(a)) return a;
    return unknownFrom(`depends on condition ${name}`, [a, b]);
  }

  private sub(argument: TemplateNode, depth: number): Value {
    let template: TemplateNode | undefined = argument;
    const variables = new Map<string, Value>();
    if (argument.kind === "array") {
      template = argument.items[0];
      const table = argument.items[1];
      if (table?.kind === "object")
        for (const entry of table.entries) variables.set(entry.key, this.evaluate(entry.value, depth));
    }
    if (template?.kind !== "scalar" || typeof template.value !== "string") return new Unknown("malformed Fn::Sub");
    const parts: Value[] = [];
    const text = template.value;
    let last = 0;
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push(text.slice(last, match.index));
      last = match.index + match[0].length;
      const name = match[1].trim();
      if (name.startsWith("!")) {
        parts.push("${" + name.slice(1) + "}");
        continue;
      }
      if (variables.has(name)) {
        parts.push(variables.get(name)!);
        continue;
      }
      const dot = name.indexOf(".");
      const synthetic: TemplateNode =
        dot > 0 && !name.startsWith("AWS::")
          ? {
              kind: "object",
              span: template.span,
              entries: [
                {
                  key: "Fn::GetAtt",
                  keySpan: template.span,
                  value: {
                    kind: "array",
                    span: template.span,
                    items: [name.slice(0, dot), name.slice(dot + 1)].map((part) => ({
                      kind: "scalar" as const,
                      span: template!.span,
                      value: part,
                    })),
                  },
                },
              ],
            }
          : {
              kind: "object",
              span: template.span,
              entries: [
                { key: "Ref", keySpan: template.span, value: { kind: "scalar", span: template.span, value: name } },
              ],
            };
      parts.push(this.evaluate(synthetic, depth));
    }
    parts.push(text.slice(last));
    const strings = parts.map((part) => (isUnknown(part) ? undefined : asString(part)));
    if (strings.some((part) => part === undefined)) {
      const unknown = unknownFrom(`Fn::Sub ${JSON.stringify(text)}`, parts);
      // Its fixed text is known, as a Terraform template's is (`com.amazonaws.${AWS::Region}.logs`).
      const known = parts.map((part, index) => (isUnknown(part) ? part : strings[index]));
      if (known.some((part) => part === undefined)) return unknown;
      return new Unknown(unknown.reason, unknown.references, { kind: "text", parts: known as (string | Unknown)[] });
    }
    return dynamicReference(strings.join(""));
  }

  private findInMap([map, first, second]: Value[]): Value {
    const names = [map, first, second].map((part) => (isUnknown(part) ? undefined : asString(part)));
    if (names.some((name) => name === undefined))
      return unknownFrom("Fn::FindInMap with an unknown key", [map, first, second]);
    const found = valueOf(valueOf(valueOf(this.scope.mappings, names[0]!), names[1]!), names[2]!);
    return found ? this.evaluate(found) : new Unknown(`Fn::FindInMap ${names.join(".")} is not in the template`);
  }
}

/** `{{resolve:ssm:...}}` and `{{resolve:secretsmanager:...}}` are read when the stack is deployed. */
function dynamicReference(text: string): Value {
  return /\{\{resolve:[a-z-]+:/.test(text) ? new Unknown(`${text} (resolved when deployed)`) : text;
}

/** An unknown that keeps the references of the values it came from. */
function unknownFrom(reason: string, values: readonly Value[]): Unknown {
  const references = values.flatMap((value) => referencesOf(value));
  const inner = values.find((value): value is Unknown => isUnknown(value) && value !== NO_VALUE);
  return new Unknown(inner ? `${reason}: ${inner.reason}` : reason, references);
}

/** CloudFormation compares parameter values as strings: `Fn::Equals [!Ref Port, 443]` holds for "443". */
function normalise(value: Value): Value {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}
