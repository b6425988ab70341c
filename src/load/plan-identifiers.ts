/**
 * The known values that name a plan's (or state's) resources, so that a known value elsewhere links
 * to its resource as a reference does. After the first apply a plan holds `load_balancer_arn` as
 * the load balancer's ARN, not as something known after apply that carries a reference. Two kinds:
 * - a resource's own ARN (or Azure resource id), planned and before the change: unique by
 *   construction, so any value equal to it names that resource;
 * - a value of a resource that another resource's configured argument copies exactly
 *   (`alias { name = aws_lb.portal.dns_name }`, `bucket = aws_s3_bucket.logs.id`): the
 *   configuration says which resource it came from. A value so copied from several resources (the
 *   zone id all load balancers of a region share) names none of them.
 */
import type { Node as JsonNode } from "jsonc-parser";
import type { Estate } from "../model/estate.js";
import type { BlockNode, ResourceNode } from "../model/nodes.js";
import { isObject, type Value } from "../model/value.js";
import { referencesOfTargets, type ConfiguredLinks } from "./plan-configuration.js";
import { arrayAt, nodeAt, stringAt } from "./plan-json.js";

/** A resource as a plan gives it, with its configured links. */
export interface PlannedResource {
  resource: ResourceNode;
  links: ConfiguredLinks;
}

/** Attributes that hold a resource's own identity. */
const OWN_IDENTITIES = ["arn", "id"];

/** ARNs, and Azure resource ids: no two resources share one. */
function isUniqueIdentifier(value: string): boolean {
  return value.startsWith("arn:") || /^\/subscriptions\/[^/]+\/resourceGroups\//i.test(value);
}

/** Gives each resource of one plan document the known values that name it. */
export function addPlanIdentifiers(
  estate: Estate,
  planned: readonly PlannedResource[],
  priorValues: ReadonlyMap<string, JsonNode>,
  moduleInstances: ReadonlySet<string>,
): void {
  const inPlan = new Set(planned.map((item) => item.resource));
  for (const { resource } of planned)
    for (const attribute of OWN_IDENTITIES) {
      for (const value of [resource.value(attribute), stringAt(priorValues.get(resource.address), [attribute])])
        if (typeof value === "string" && isUniqueIdentifier(value)) resource.addIdentifier(value);
    }
  const copiedFrom = new Map<string, Set<ResourceNode>>();
  for (const { resource, links } of planned)
    for (const [path, targets] of links) {
      const copies = knownStringsAt(resource, path.split("."));
      if (!copies.length) continue;
      for (const reference of referencesOfTargets(targets, resource.module, moduleInstances)) {
        const candidates = estate
          .resourcesAt(reference.module.root, reference.address)
          .filter(
            (target) =>
              inPlan.has(target) &&
              (reference.key === undefined || String(reference.key) === String(target.instanceKey)),
          );
        for (const target of candidates)
          for (const copy of copies)
            if (holds(target, reference.path, copy))
              copiedFrom.set(copy, (copiedFrom.get(copy) ?? new Set()).add(target));
      }
    }
  for (const [copy, targets] of copiedFrom)
    if (targets.size === 1) for (const target of targets) target.addIdentifier(copy);
}

/** Known values of the resources in a state (`prior_state`), by address, for their identities before the change. */
export function priorStateValues(root: JsonNode): Map<string, JsonNode> {
  const values = new Map<string, JsonNode>();
  const visit = (moduleNode: JsonNode | undefined, depth: number): void => {
    if (!moduleNode || depth > MAX_MODULE_DEPTH) return;
    for (const resource of arrayAt(moduleNode, ["resources"])) {
      const address = stringAt(resource, ["address"]);
      const known = nodeAt(resource, ["values"]);
      if (address && known) values.set(address, known);
    }
    for (const child of arrayAt(moduleNode, ["child_modules"])) visit(child, depth + 1);
  };
  visit(nodeAt(root, ["prior_state", "values", "root_module"]), 0);
  return values;
}

const MAX_MODULE_DEPTH = 32;

/** True when the target's value at `path` (any of its attributes when none is named) is exactly `copy`. */
function holds(target: ResourceNode, path: readonly string[], copy: string): boolean {
  if (!path.length) {
    for (const [, node] of target.attributes) if (node.value === copy) return true;
    return false;
  }
  let value: Value | undefined = target.value(path[0]);
  for (const key of path.slice(1)) value = isObject(value) ? value[key] : undefined;
  return value === copy;
}

/** Known strings at an argument path (`alias.name` reads every alias block's name), in lists and maps too. */
function knownStringsAt(resource: ResourceNode, path: readonly string[]): string[] {
  let blocks: readonly BlockNode[] = [resource];
  for (const step of path.slice(0, -1)) blocks = blocks.flatMap((block) => block.blocksOfType(step));
  const found: string[] = [];
  const collect = (value: Value | undefined): void => {
    if (typeof value === "string") found.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) Object.values(value).forEach(collect);
  };
  for (const block of blocks) collect(block.value(path[path.length - 1]));
  return found;
}
