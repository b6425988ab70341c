/**
 * What a plan's `configuration` says each resource argument refers to: the resources its
 * expression names (`expressions.load_balancer_arn.references`), in nested blocks too
 * (`alias.name`), with module outputs followed to the resources inside the module that make them.
 * These links hold whether the planned value is known (every plan after the first apply) or not.
 */
import type { Node as JsonNode } from "jsonc-parser";
import type { ModuleInstance, Reference } from "../model/value.js";
import { arrayAt, nodeAt, properties, stringAt } from "./plan-json.js";

/** A resource an expression names, relative to the module the expression is written in. */
export interface ConfiguredTarget {
  /** Module calls from that module down to the resource (`module.alb` → `[{ name: "alb" }]`). */
  calls: { name: string; key?: string | number }[];
  /** `aws_lb.portal` or `data.aws_lb.portal`. */
  address: string;
  key?: string | number;
  /** The attribute read (`["arn"]`); empty when the configuration names only the resource. */
  path: string[];
}

/** Targets by argument path (`load_balancer_arn`, `alias.name`), for one resource of the configuration. */
export type ConfiguredLinks = ReadonlyMap<string, readonly ConfiguredTarget[]>;

const NO_LINKS: ConfiguredLinks = new Map();

/** Configured links of every resource, by `configKey`. */
export function configurationLinks(root: JsonNode): (key: string) => ConfiguredLinks {
  const result = new Map<string, ConfiguredLinks>();
  const visit = (moduleNode: JsonNode | undefined, modulePath: string, depth: number): void => {
    if (!moduleNode || depth > MAX_MODULE_DEPTH) return;
    const resolve = (reference: string) => resolveReference(moduleNode, reference, 0);
    for (const resource of arrayAt(moduleNode, ["resources"])) {
      const mode = stringAt(resource, ["mode"]) === "data" ? "data" : "managed";
      const key = configKey(modulePath, mode, stringAt(resource, ["type"]) ?? "", stringAt(resource, ["name"]) ?? "");
      const links = new Map<string, ConfiguredTarget[]>();
      collectExpressions(nodeAt(resource, ["expressions"]), "", (path, references) => {
        const targets = mostSpecific(references.flatMap(resolve));
        if (targets.length) links.set(path, [...(links.get(path) ?? []), ...targets]);
      });
      result.set(key, links);
    }
    for (const [name, call] of properties(nodeAt(moduleNode, ["module_calls"])))
      visit(nodeAt(call, ["module"]), `${modulePath ? `${modulePath}.` : ""}module.${name}`, depth + 1);
  };
  visit(nodeAt(root, ["configuration", "root_module"]), "", 0);
  return (key) => result.get(key) ?? NO_LINKS;
}

/** Module addresses in planned_values carry instance keys; configuration does not. */
export function configKey(moduleAddress: string, mode: string, type: string, name: string): string {
  return `${moduleAddress.replace(/\[[^\]]*\]/g, "")}|${mode}|${type}|${name}`;
}

/**
 * The references a configured argument makes from a resource in `instance`: each target in every
 * planned instance of the modules it goes through (`moduleInstances`: addresses in planned_values).
 */
export function referencesOfTargets(
  targets: readonly ConfiguredTarget[] | undefined,
  instance: ModuleInstance,
  moduleInstances: ReadonlySet<string>,
): Reference[] {
  if (!targets) return [];
  const references: Reference[] = [];
  for (const target of targets)
    for (const module of instancesThrough(instance.address, target.calls, moduleInstances))
      references.push({
        module: instance,
        address: module ? `${module}.${target.address}` : target.address,
        path: target.path,
        ...(target.key === undefined ? {} : { key: target.key }),
      });
  return references;
}

/** How deep modules are followed (configuration is a tree; this only bounds a hostile document). */
const MAX_MODULE_DEPTH = 32;

/**
 * Expressions by argument path. A nested block is a list of objects of expressions; an argument is
 * an object with `references` or `constant_value`.
 */
function collectExpressions(
  expressions: JsonNode | undefined,
  prefix: string,
  add: (path: string, references: string[]) => void,
): void {
  for (const [name, expression] of properties(expressions)) {
    const path = `${prefix}${name}`;
    if (expression.type === "array") {
      for (const block of expression.children ?? []) collectExpressions(block, `${path}.`, add);
      continue;
    }
    const references = arrayAt(expression, ["references"]).map((node) => String(node.value));
    if (references.length) add(path, references);
  }
}

/** Namespaces that name no resource. */
const NOT_RESOURCES = new Set(["var", "local", "each", "count", "path", "self", "terraform"]);

/** The resources a reference written in `moduleNode` names, through module outputs. */
function resolveReference(moduleNode: JsonNode, reference: string, depth: number): ConfiguredTarget[] {
  const steps = traversalSteps(reference);
  const [first, second, third] = steps;
  if (typeof first !== "string" || NOT_RESOURCES.has(first)) return [];
  if (first === "module") {
    if (typeof second !== "string" || depth > MAX_MODULE_DEPTH) return [];
    const key = isKey(steps, 2) ? keyOf(third) : undefined;
    const output = steps[key === undefined ? 2 : 3];
    // `module.alb` alone stands beside `module.alb.lb_arn` in the list: the output says which resource.
    if (typeof output !== "string") return [];
    const call = nodeAt(moduleNode, ["module_calls", second, "module"]);
    return arrayAt(call, ["outputs", output, "expression", "references"]).flatMap((node) =>
      resolveReference(call!, String(node.value), depth + 1).map((target) => ({
        ...target,
        calls: [{ name: second, ...(key === undefined ? {} : { key }) }, ...target.calls],
      })),
    );
  }
  const length = first === "data" ? 3 : 2;
  if (steps.slice(0, length).some((step) => typeof step !== "string") || steps.length < length) return [];
  const address = steps.slice(0, length).join(".");
  const keyed = steps.length > length && isKey(steps, length);
  const key = keyed ? keyOf(steps[length]) : undefined;
  const rest = steps.slice(keyed ? length + 1 : length);
  const end = rest.findIndex((step) => typeof step !== "string");
  const path = (end < 0 ? rest : rest.slice(0, end)) as string[];
  return [{ calls: [], address, ...(key === undefined ? {} : { key }), path }];
}

/** True when the step at `index` was an index (`[0]`, `["a"]`), not a name. */
function isKey(steps: readonly (string | number | IndexKey)[], index: number): boolean {
  return steps[index] instanceof IndexKey || typeof steps[index] === "number";
}

function keyOf(step: string | number | IndexKey | undefined): string | number | undefined {
  return step instanceof IndexKey ? step.value : step;
}

/** A string index (`["a"]`), told apart from a name. */
class IndexKey {
  constructor(readonly value: string) {}
}

/** `aws_lb.web["a.b"].arn` → `aws_lb`, `web`, "a.b" (an index), `arn`; numbers for numeric indexes. */
function traversalSteps(reference: string): (string | number | IndexKey)[] {
  const steps: (string | number | IndexKey)[] = [];
  const pattern = /\.?([A-Za-z_][\w-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < reference.length && (match = pattern.exec(reference))) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(new IndexKey(JSON.parse(`"${match[3]}"`) as string));
  }
  return steps;
}

/**
 * Terraform lists a traversal with its prefixes (`aws_lb.portal.arn`, `aws_lb.portal`): the
 * prefix is dropped where a longer one names the same resource.
 */
function mostSpecific(targets: ConfiguredTarget[]): ConfiguredTarget[] {
  const where = (target: ConfiguredTarget) =>
    `${target.calls.map((call) => `${call.name}[${String(call.key)}]`).join(".")}|${target.address}`;
  const kept: ConfiguredTarget[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const detail = target.path.length + (target.key === undefined ? 0 : 1);
    const longer = targets.some(
      (other) =>
        other !== target &&
        where(other) === where(target) &&
        other.path.length + (other.key === undefined ? 0 : 1) > detail,
    );
    const id = `${where(target)}|${String(target.key)}|${target.path.join(".")}`;
    if (!longer && !seen.has(id)) {
      seen.add(id);
      kept.push(target);
    }
  }
  return kept;
}

/** Planned module instances under `module` along `calls`: keyed instances of an unkeyed call are all meant. */
function instancesThrough(
  module: string,
  calls: ConfiguredTarget["calls"],
  moduleInstances: ReadonlySet<string>,
): string[] {
  let current = [module];
  for (const call of calls) {
    const next: string[] = [];
    for (const parent of current) {
      const base = `${parent ? `${parent}.` : ""}module.${call.name}`;
      if (call.key !== undefined) {
        next.push(`${base}[${typeof call.key === "number" ? call.key : JSON.stringify(call.key)}]`);
        continue;
      }
      for (const address of moduleInstances)
        if (address === base || (address.startsWith(`${base}[`) && !address.slice(base.length).includes(".module.")))
          next.push(address);
    }
    current = next;
  }
  return current;
}
