import { defineRule } from "../../../src/engine/rule.js";
import type { AttributeNode } from "../../../src/model/nodes.js";
import { isWithinAny } from "../../shared/ip-address-class.js";
import { coveringRules, ingressRules } from "../../shared/aws-security-groups.js";

/** Ports users reach web services on. */
const WEB_PORTS = [80, 443, 8080, 8443];

/**
 * The organisation's private-network ranges (HSCN allocations include address space that looks
 * public) are only known from configuration: a web port open to those alone serves HSCN users only.
 */
export default defineRule({
  meta: {
    id: "IFL-EXP-013",
    name: "web-ingress-beyond-private-network",
    title: "Web ports are not open only to the organisation's private-network ranges",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-PRIVNET", "IF-C1-IP", "IF-POLICY"],
    rationale:
      "A security group that admits HTTP or HTTPS only from the ranges of the organisation's private network (its HSCN allocation, listed as `privateNetworkRanges` in the configuration) serves users on that network only. Such ranges are not always RFC 1918: HSCN allocates address space that looks public, so only the configuration can say which they are. Internet First services are reached from the internet; anything else is a private-network dependency to record and plan out.",
    remediation:
      "Open the web ports to the internet behind TLS and a WAF (`0.0.0.0/0`, `::/0` on the load balancer in front of the service), or record the service as internal by design (`internalServices`) with the reason and the plan.",
    links: [
      "https://digital.nhs.uk/services/internet-first/policy-guidance",
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html",
    ],
    messages: {
      privateNetworkOnly:
        "Security group {group} admits port {port} only from the private network ({cidr} is within the configured privateNetworkRanges), so the service it guards is reachable only over that network.",
    },
    resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
    limitations:
      "Checks nothing unless `privateNetworkRanges` is configured. Prefix lists, security-group sources and rules outside the scan are unknown. Only web ports (80, 443, 8080, 8443) are checked.",
  },
  check(context) {
    const ranges = context.settings.privateNetworkRanges;
    if (!ranges.length) return;
    context.forEachResource("aws_security_group", (group) => {
      if (context.settings.isInternalService(group)) return;
      const rules = ingressRules(context.estate, group);
      if (!rules) return context.unknown(group, "ingress not known");
      for (const port of WEB_PORTS) {
        const covering = coveringRules(rules, port);
        if (!covering.length) continue;
        if (
          covering.some(
            ({ covers, rule }) =>
              covers === "unknown" || rule.opaque || rule.cidrs.some((attribute) => !Array.isArray(attribute.value)),
          )
        )
          return context.unknown(group, "an ingress rule is not known");
        let first: { attribute: AttributeNode; index: number; cidr: string } | undefined;
        let beyond = false;
        for (const { rule } of covering) {
          for (const attribute of rule.cidrs) {
            for (const [index, cidr] of (attribute.value as unknown[]).entries()) {
              if (typeof cidr !== "string") return context.unknown(group, "an ingress source is not known");
              if (isWithinAny(cidr, ranges)) first ??= { attribute, index, cidr };
              else beyond = true;
            }
          }
        }
        if (first && !beyond) {
          context.report({
            node: first.attribute,
            path: [first.index],
            messageId: "privateNetworkOnly",
            data: { group: group.address, port, cidr: first.cidr },
            resource: group,
          });
          return;
        }
      }
      context.pass(group);
    });
  },
});
