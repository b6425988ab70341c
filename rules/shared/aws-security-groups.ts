/** AWS security group ingress, however written: inline blocks, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`. */
import { asNumber, asString, isUnknown, type Value } from "../../src/model/value.js";
import { withAttribute, type AttributeNode, type BlockNode, type ResourceNode } from "../../src/model/nodes.js";
import type { Estate } from "../../src/model/estate.js";

/** An ingress rule that admits a port range, and where its sources are written. */
export interface IngressRule {
  fromPort: Value | undefined;
  toPort: Value | undefined;
  protocol: Value | undefined;
  cidrs: AttributeNode[];
  /** Sources that are not CIDRs and cannot be judged (prefix lists). */
  opaque: boolean;
}

/** The rules that admit `port`, each with whether it surely does. */
export function coveringRules(
  rules: readonly IngressRule[],
  port: number,
): { rule: IngressRule; covers: boolean | "unknown" }[] {
  return rules
    .map((rule) => covers(rule, port))
    .filter((match): match is { rule: IngressRule; covers: boolean | "unknown" } => match !== false);
}

export function covers(rule: IngressRule, port: number): { rule: IngressRule; covers: boolean | "unknown" } | false {
  const protocol = asString(rule.protocol);
  if (protocol === "-1" || protocol === "all") return { rule, covers: true };
  const from = asNumber(rule.fromPort);
  const to = asNumber(rule.toPort);
  if (from === undefined || to === undefined)
    return isUnknown(rule.fromPort) || isUnknown(rule.toPort) ? { rule, covers: "unknown" } : false;
  return from <= port && port <= to ? { rule, covers: true } : false;
}

/** Inline ingress blocks and separate ingress rule resources of a group; undefined when not knowable. */
export function ingressRules(estate: Estate, group: ResourceNode): IngressRule[] | undefined {
  if (group.blocksOfType("dynamic").some((block) => block.labels[0] === "ingress")) return undefined;
  const rules: IngressRule[] = group.blocksOfType("ingress").map((block) => inlineRule(block));
  for (const rule of estate.referrers(group, "security_group_id", "aws_security_group_rule")) {
    if (rule.value("type") !== "ingress") continue;
    rules.push(inlineRule(rule));
  }
  for (const rule of estate.referrers(group, "security_group_id", "aws_vpc_security_group_ingress_rule")) {
    const cidrs = ["cidr_ipv4", "cidr_ipv6"]
      .map((name) => rule.attribute(name))
      .filter((attribute): attribute is AttributeNode => attribute !== undefined);
    rules.push({
      fromPort: rule.value("from_port"),
      toPort: rule.value("to_port"),
      protocol: rule.value("ip_protocol"),
      cidrs: cidrs.map(asListAttribute),
      opaque: rule.attribute("prefix_list_id") !== undefined,
    });
  }
  return rules;
}

function inlineRule(block: BlockNode): IngressRule {
  return {
    fromPort: block.value("from_port"),
    toPort: block.value("to_port"),
    protocol: block.value("protocol"),
    cidrs: ["cidr_blocks", "ipv6_cidr_blocks"]
      .map((name) => block.attribute(name))
      .filter((attribute): attribute is AttributeNode => attribute !== undefined),
    opaque: Array.isArray(block.value("prefix_list_ids"))
      ? (block.value("prefix_list_ids") as Value[]).length > 0
      : block.attribute("prefix_list_ids") !== undefined && block.value("prefix_list_ids") !== null,
  };
}

/** A single-CIDR attribute viewed as a one-element list, pointing at the attribute's value. */
function asListAttribute(attribute: AttributeNode): AttributeNode {
  return withAttribute(attribute, {
    value: isUnknown(attribute.value) ? attribute.value : [attribute.value],
    locate: () => attribute.valueRange,
  });
}
