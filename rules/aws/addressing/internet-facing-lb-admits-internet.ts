import { defineRule } from "../../../src/engine/rule.js";
import { asNumber } from "../../../src/model/value.js";
import type { AttributeNode } from "../../../src/model/nodes.js";
import { coveringRules, ingressRules, type IngressRule } from "../../shared/aws-security-groups.js";
import { LOAD_BALANCER_TYPES, listenersOf, loadBalancerExposure } from "../../shared/aws-load-balancers.js";
import { classifyAddressOrCidr, NON_PUBLIC_KINDS } from "../../shared/ip-address-class.js";

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
    remediation:
      "Admit the clients that should reach the service from the internet on the listener ports (for a public service `0.0.0.0/0` and `::/0` behind a WAF), or make the load balancer internal and record the service as internal by design.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html",
    ],
    messages: {
      privateOnly:
        "Security group {group} of internet-facing load balancer {loadBalancer} admits only private ranges on port {port} (such as {cidr}), so the service is reachable only from private networks.",
    },
    resourceTypes: [
      ...LOAD_BALANCER_TYPES,
      "aws_security_group",
      "aws_security_group_rule",
      "aws_vpc_security_group_ingress_rule",
    ],
    limitations: "Prefix lists and rules in security groups outside the scan are treated as unknown.",
  },
  check(context) {
    const estate = context.estate;
    context.forEachResource(LOAD_BALANCER_TYPES, (loadBalancer) => {
      if (loadBalancerExposure(loadBalancer) !== "internet-facing" || context.settings.isInternalService(loadBalancer))
        return;
      const groups = estate
        .referencedResources(loadBalancer.value("security_groups"))
        .filter((resource) => resource.resourceType === "aws_security_group");
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
          context.report({
            node: attribute,
            path: [index],
            messageId: "privateOnly",
            data: { group: group.address, loadBalancer: loadBalancer.address, port, cidr },
            resource: group,
            related: [{ node: loadBalancer, message: `internet-facing load balancer ${loadBalancer.address}` }],
          });
        }
      }
    });
  },
});

type Verdict = "open" | "unknown" | { port: number; attribute: AttributeNode; index: number; cidr: string };

function judgeGroup(rules: IngressRule[], ports: number[]): Verdict {
  let result: Verdict = "open";
  for (const port of ports) {
    const covering = coveringRules(rules, port);
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
