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
  if (!estate.switchedOff.length || !types) return NONE;
  const links = estate.derived(switchedOffReferrers, () => switchedOffReferrers(estate)).get(subject);
  if (!links) return NONE;
  return links.filter(
    ({ resource }) => resource.resourceType !== subject.resourceType && types.includes(resource.resourceType),
  );
}

/** Each resource any switched-off resource refers to, in any argument or nested block. */
function switchedOffReferrers(estate: Estate): Map<ResourceNode, SwitchedOffResource[]> {
  const index = new Map<ResourceNode, SwitchedOffResource[]>();
  for (const switchedOff of estate.switchedOff) {
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
