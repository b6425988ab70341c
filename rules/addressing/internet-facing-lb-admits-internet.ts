import { defineRule } from "../../src/engine/rule.js";
import { asNumber, asString, isUnknown, type Value } from "../../src/model/value.js";
import { withAttribute, type AttributeNode, type BlockNode, type ResourceNode } from "../../src/model/nodes.js";
import type { Estate } from "../../src/model/estate.js";
import { LOAD_BALANCER_TYPES, listenersOf, loadBalancerExposure } from "../shared/aws-load-balancers.js";
import { classifyAddressOrCidr, NON_PUBLIC_KINDS } from "../shared/ip-address-class.js";

/** An ingress rule that admits a service's port, and where its sources are written. */
interface IngressRule {
  fromPort: Value | undefined;
  toPort: Value | undefined;
  protocol: Value | undefined;
  cidrs: AttributeNode[];
  /** Sources that are not CIDRs and cannot be judged (prefix lists). */
  opaque: boolean;
}

/** A load balancer on public addresses that only private ranges may reach is, in practice, still on the private network. */
export default defineRule({
  meta: {
    id: "IFL-ADDR-002",
    name: "internet-facing-lb-admits-internet",
    title: "Internet-facing load balancers admit internet clients on their service ports",
    severity: "warning",
    category: "private-addressing",
    guidance: ["IF-C1-IP", "IF-C1-PRIVNET", "IF-POLICY"],
    rationale:
      "Moving a service to an internet-facing load balancer does not make it Internet First if its security group admits only RFC 1918 or other private ranges: only sites on HSCN or a VPN can reach it. The service still depends on the private network, and the dependency should be removed or recorded on the asset register.",
    remediation: "Admit the clients that should reach the service from the internet on the listener ports (for a public service `0.0.0.0/0` and `::/0` behind a WAF), or make the load balancer internal and record the service as internal by design.",
    links: ["https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance", "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html"],
    messages: {
      privateOnly: "Security group {group} of internet-facing load balancer {loadBalancer} admits only private ranges on port {port} (such as {cidr}), so the service is reachable only from private networks.",
    },
    resourceTypes: [...LOAD_BALANCER_TYPES, "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
    limitations: "Prefix lists and rules in security groups outside the scan are treated as unknown.",
  },
  check(context) {
    const estate = context.estate;
    context.forEachResource(LOAD_BALANCER_TYPES, (loadBalancer) => {
      if (loadBalancerExposure(loadBalancer) !== "internet-facing" || context.settings.isInternalService(loadBalancer)) return;
      const groups = estate.referencedResources(loadBalancer.value("security_groups")).filter((resource) => resource.resourceType === "aws_security_group");
      if (!groups.length) return;
      const ports: number[] = [];
      for (const listener of listenersOf(estate, loadBalancer)) {
        const port = asNumber(listener.value("port"));
        if (port === undefined) return context.unknown(loadBalancer, "listener port not known");
        ports.push(port);
      }
      if (!ports.length) return;
      for (const group of groups) {
        const rules = ingressRules(estate, group);
        if (!rules) {
          context.unknown(group, "ingress not known");
          continue;
        }
        const verdict = judgeGroup(rules, ports);
        if (verdict === "unknown") context.unknown(group, "an ingress source is not known");
        else if (verdict === "open") context.pass(group);
        else {
          const { port, attribute, index, cidr } = verdict;
          context.report({ node: attribute, path: [index], messageId: "privateOnly", data: { group: group.address, loadBalancer: loadBalancer.address, port, cidr }, resource: group, related: [{ node: loadBalancer, message: `internet-facing load balancer ${loadBalancer.address}` }] });
        }
      }
    });
  },
});

type Verdict = "open" | "unknown" | { port: number; attribute: AttributeNode; index: number; cidr: string };

function judgeGroup(rules: IngressRule[], ports: number[]): Verdict {
  let result: Verdict = "open";
  for (const port of ports) {
    const covering = rules.map((rule) => covers(rule, port)).filter((match) => match !== false);
    if (covering.some((match) => match.covers === "unknown")) return "unknown";
    let firstPrivate: { attribute: AttributeNode; index: number; cidr: string } | undefined;
    let reachable = false;
    for (const { rule } of covering) {
      if (rule.opaque) return "unknown";
      for (const attribute of rule.cidrs) {
        if (!Array.isArray(attribute.value)) return "unknown";
        for (const [index, cidr] of attribute.value.entries()) {
          if (typeof cidr !== "string") return "unknown";
          const kind = classifyAddressOrCidr(cidr);
          if (kind && NON_PUBLIC_KINDS.has(kind.kind)) firstPrivate ??= { attribute, index, cidr };
          else reachable = true;
        }
      }
    }
    if (!reachable && firstPrivate && result === "open") result = { port, ...firstPrivate };
    if (reachable) return "open";
  }
  return result;
}

function covers(rule: IngressRule, port: number): { rule: IngressRule; covers: boolean | "unknown" } | false {
  const protocol = asString(rule.protocol);
  if (protocol === "-1" || protocol === "all") return { rule, covers: true };
  const from = asNumber(rule.fromPort);
  const to = asNumber(rule.toPort);
  if (from === undefined || to === undefined) return isUnknown(rule.fromPort) || isUnknown(rule.toPort) ? { rule, covers: "unknown" } : false;
  return from <= port && port <= to ? { rule, covers: true } : false;
}

/** Inline ingress blocks and separate ingress rule resources of a group; undefined when not knowable. */
function ingressRules(estate: Estate, group: ResourceNode): IngressRule[] | undefined {
  if (group.blocksOfType("dynamic").some((block) => block.labels[0] === "ingress")) return undefined;
  const rules: IngressRule[] = group.blocksOfType("ingress").map((block) => inlineRule(block));
  for (const rule of estate.resourcesOfType("aws_security_group_rule")) {
    if (!estate.refersTo(rule.value("security_group_id"), group)) continue;
    if (rule.value("type") !== "ingress") continue;
    rules.push(inlineRule(rule));
  }
  for (const rule of estate.resourcesOfType("aws_vpc_security_group_ingress_rule")) {
    if (!estate.refersTo(rule.value("security_group_id"), group)) continue;
    const cidrs = ["cidr_ipv4", "cidr_ipv6"].map((name) => rule.attribute(name)).filter((attribute): attribute is AttributeNode => attribute !== undefined);
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
    cidrs: ["cidr_blocks", "ipv6_cidr_blocks"].map((name) => block.attribute(name)).filter((attribute): attribute is AttributeNode => attribute !== undefined),
    opaque: Array.isArray(block.value("prefix_list_ids")) ? (block.value("prefix_list_ids") as Value[]).length > 0 : block.attribute("prefix_list_ids") !== undefined && block.value("prefix_list_ids") !== null,
  };
}

/** A single-CIDR attribute viewed as a one-element list, pointing at the attribute's value. */
function asListAttribute(attribute: AttributeNode): AttributeNode {
  return withAttribute(attribute, { value: isUnknown(attribute.value) ? attribute.value : [attribute.value], locate: () => attribute.valueRange });
}
