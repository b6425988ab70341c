/**
 * Links a resource would have if a variable default were overridden. A finding that a resource has
 * no WAF association, no bucket policy, no logging configuration rests on that default as much as a
 * finding on a value does when the link is written but its `count`/`for_each` (or its module
 * call's) comes to none on a root variable's default: tfvars or a pipeline may create it.
 */
import type { Estate, SwitchedOffResource } from "../model/estate.js";
import type { BlockNode, ResourceNode } from "../model/nodes.js";
import type { Rule } from "./rule.js";

/**
 * Resources switched off by a default that refer to `subject` and are of a type the rule reads
 * (its `resourceTypes`), other than the subject's own: a sibling that names it is no link it is judged by.
 */
export function switchedOffLinks(estate: Estate, rule: Rule, subject: ResourceNode): readonly SwitchedOffResource[] {
  const types = rule.meta.resourceTypes;
  if ((!estate.switchedOff.length && !estate.switchedOffPending.length) || !types) return NONE;
  let links: SwitchedOffResource[] | undefined;
  for (const type of types) {
    if (type === subject.resourceType) continue;
    const found = referrersOfType(estate, type).get(subject);
    if (found) (links ??= []).push(...found);
  }
  return links ?? NONE;
}

/**
 * Each resource the switched-off resources of one type refer to, in any argument or nested block.
 * Made per type when a rule that reads the type first asks: evaluating every switched-off
 * resource's arguments (subnets, roles, a whole switched-off module) was most of a rule's time.
 */
function referrersOfType(estate: Estate, type: string): Map<ResourceNode, SwitchedOffResource[]> {
  const byType = estate.derived(referrersOfType, () => new Map<string, Map<ResourceNode, SwitchedOffResource[]>>());
  let index = byType.get(type);
  if (index) return index;
  index = new Map();
  byType.set(type, index);
  for (const switchedOff of estate.switchedOffOfType(type)) {
    const targets = new Set<ResourceNode>();
    collectReferenced(estate, switchedOff.resource, targets);
    for (const target of targets) {
      const list = index.get(target);
      if (list) list.push(switchedOff);
      else index.set(target, [switchedOff]);
    }
  }
  return index;
}

function collectReferenced(estate: Estate, block: BlockNode, into: Set<ResourceNode>): void {
  for (const attribute of block.attributes.values())
    for (const resource of estate.referencedResources(attribute.value)) into.add(resource);
  for (const nested of block.blocks) collectReferenced(estate, nested, into);
}

const NONE: readonly SwitchedOffResource[] = Object.freeze([]);
