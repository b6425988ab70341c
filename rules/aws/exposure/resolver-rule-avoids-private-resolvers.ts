import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import { onPrivateNetworkOutsideVpcs, vpcRanges } from "../../shared/aws-networks.js";

/** Names that resolve only through a resolver on a private network tie the services that use them to that network. */
export default defineRule({
  meta: {
    id: "IFL-EXP-006",
    name: "resolver-rule-avoids-private-resolvers",
    title: "Route 53 Resolver rules do not forward names to resolvers on private networks outside AWS",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-PRIVNET", "IF-IPDNS", "IF-C1-NETARCH"],
    rationale:
      "A Route 53 Resolver FORWARD rule whose targets are private addresses outside the VPCs in the scan sends DNS queries for a domain to resolvers on premises or on HSCN, over VPN or Direct Connect. Every service in the VPC that uses a name in that domain depends on the private network twice: for the name and for the address it returns. The IP, DNS and hosting guidance expects services to be found through public DNS names.",
    remediation:
      "Publish the names the VPC needs in public DNS (or in a Route 53 private hosted zone for names that are internal by design), move the services they point at to public addressing, then remove the forwarding rule. Record the dependency on the asset register while it remains.",
    links: [
      "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
    ],
    messages: {
      privateResolver:
        "Resolver rule {resource} forwards queries for {domain} to {address}, a private address outside the VPCs in the scan, so names in {domain} resolve only over a private network.",
    },
    resourceTypes: ["aws_route53_resolver_rule", "aws_vpc"],
    limitations:
      "Targets in VPCs of other Terraform root modules cannot be told from on-premises resolvers, so without the VPC in the scan the rule does not judge, except for targets within the configured `privateNetworkRanges`. Targets in `allowedCidrs` are not reported.",
  },
  check(context) {
    context.forEachResource("aws_route53_resolver_rule", (rule) => {
      const type = rule.value("rule_type");
      if (isUnknown(type)) return context.unknown(rule, "rule_type not known");
      if (asString(type)?.toUpperCase() !== "FORWARD") return;
      if (rule.blocksOfType("dynamic").some((block) => block.labels[0] === "target_ip"))
        return context.unknown(rule, "targets not known");
      const ranges = vpcRanges(context.estate, rule.module.root);
      const domain = asString(rule.value("domain_name"))?.replace(/\.$/, "") ?? "its domain";
      let unknown = false;
      for (const target of rule.blocksOfType("target_ip")) {
        for (const name of ["ip", "ipv6"]) {
          const address = target.attribute(name);
          if (!address || address.value === null) continue;
          if (typeof address.value !== "string") {
            unknown = true;
            continue;
          }
          const outside = onPrivateNetworkOutsideVpcs(address.value, ranges, context.settings);
          if (outside === true)
            return context.report({
              node: address,
              messageId: "privateResolver",
              data: { resource: rule.address, domain, address: address.value },
              resource: rule,
            });
          if (outside === "unknown") unknown = true;
        }
      }
      if (unknown) context.unknown(rule, "a target is not known");
      else context.pass(rule);
    });
  },
});
