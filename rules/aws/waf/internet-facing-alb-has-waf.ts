import { defineRule } from "../../../src/engine/rule.js";
import {
  LOAD_BALANCER_TYPES,
  listenersOf,
  loadBalancerExposure,
  loadBalancerType,
} from "../../shared/aws-load-balancers.js";
import { wafCoverage, wafVerdict } from "../../shared/aws-waf-associations.js";
import { coveredElsewhere } from "../../shared/untraceable-links.js";
import { distributionsFetchingFrom } from "../../shared/aws-cloudfront.js";
import { ingressRules, type IngressRule } from "../../shared/aws-security-groups.js";
import type { Estate } from "../../../src/model/estate.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { asString, type Value } from "../../../src/model/value.js";

/**
 * A load balancer that is the origin of CloudFront distributions with a web ACL, and that only they
 * can use (its security groups admit CloudFront's prefix list and no CIDR range, or it serves only
 * requests carrying a header the distributions add), is reached through that WAF.
 */
function reachableOnlyThroughProtectedCloudFront(estate: Estate, loadBalancer: ResourceNode): boolean {
  const fronts = distributionsFetchingFrom(estate, loadBalancer);
  if (!fronts.length || !fronts.every((distribution) => hasValue(distribution.value("web_acl_id")))) return false;
  return (
    admitsOnlyCloudFrontRanges(estate, loadBalancer) || servesOnlyWithCloudFrontHeader(estate, loadBalancer, fronts)
  );
}

/**
 * The other way to keep an open ALB behind CloudFront: every listener turns requests away by
 * default, and every rule that forwards requires a header only the distributions add
 * (an origin `custom_header`, usually a secret).
 */
function servesOnlyWithCloudFrontHeader(
  estate: Estate,
  loadBalancer: ResourceNode,
  fronts: readonly ResourceNode[],
): boolean {
  const headers = new Set(
    fronts.flatMap((distribution) =>
      distribution
        .blocksOfType("origin")
        .flatMap((origin) =>
          origin.blocksOfType("custom_header").map((header) => asString(header.value("name"))?.toLowerCase()),
        ),
    ),
  );
  const listeners = listenersOf(estate, loadBalancer);
  if (!listeners.length) return false;
  return listeners.every((listener) => {
    const defaults = listener.blocksOfType("default_action").map((action) => action.value("type"));
    if (!defaults.length || !defaults.every((type) => type === "fixed-response" || type === "redirect")) return false;
    return estate.referrers(listener, "listener_arn", "aws_lb_listener_rule").every((rule) => {
      if (
        rule
          .blocksOfType("action")
          .every((action) => action.value("type") === "fixed-response" || action.value("type") === "redirect")
      )
        return true;
      const required = rule
        .blocksOfType("condition")
        .flatMap((condition) =>
          condition
            .blocksOfType("http_header")
            .map((header) => asString(header.value("http_header_name"))?.toLowerCase()),
        );
      return required.some((name) => name !== undefined && headers.has(name));
    });
  });
}

/** Security groups that admit prefix lists (CloudFront's origin-facing list) and no CIDR range. */
function admitsOnlyCloudFrontRanges(estate: Estate, loadBalancer: ResourceNode): boolean {
  const groups = estate
    .referencedResources(loadBalancer.value("security_groups"))
    .filter((group) => group.resourceType === "aws_security_group");
  if (!groups.length) return false;
  const rules = groups.map((group) => ingressRules(estate, group));
  if (rules.some((list) => list === undefined)) return false;
  const all = rules.flat() as IngressRule[];
  return (
    all.some((rule) => rule.opaque) &&
    all.every((rule) =>
      rule.cidrs.every((cidrs) => cidrs.value === null || (Array.isArray(cidrs.value) && cidrs.value.length === 0)),
    )
  );
}

function hasValue(value: Value | undefined): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** The private network was a boundary; on the internet, the application needs its own. */
export default defineRule({
  meta: {
    id: "IFL-WAF-001",
    name: "internet-facing-alb-has-waf",
    title: "Internet-facing application load balancers are protected by a web application firewall",
    severity: "error",
    category: "waf",
    guidance: ["IF-CYBER", "IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      "Services that sat behind HSCN were shielded from most internet traffic. The Internet First cyber guidance asks for boundary protection with a web application firewall for inbound traffic (such as the NHS Secure Boundary). An internet-facing application load balancer with no WAFv2 web ACL associated receives every request unfiltered.",
    remediation:
      'Associate a WAFv2 web ACL with the load balancer: `resource "aws_wafv2_web_acl_association" "portal" { resource_arn = aws_lb.portal.arn  web_acl_arn = aws_wafv2_web_acl.main.arn }`, with AWS managed rule groups and a rate-based rule.',
    links: [
      "https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/cyber-information-governance-and-data-protection-guidance",
    ],
    messages: {
      noWaf:
        "Internet-facing load balancer {resource} has no web application firewall (no aws_wafv2_web_acl_association refers to it).",
    },
    resourceTypes: [...LOAD_BALANCER_TYPES, "aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"],
    limitations:
      "A load balancer that only CloudFront can use (its security groups admit prefix lists, such as CloudFront's origin-facing list, and no CIDR range; or its listeners turn requests away unless a rule matches a header the distributions add as an origin custom_header) and that is the origin of distributions with a web ACL counts as protected by that WAF. An association made in another Terraform root module, or by a firewall outside AWS (such as the NHS Secure Boundary), is not visible; suppress the finding with that reason.",
  },
  check(context) {
    const coverage = wafCoverage(context.estate, LOAD_BALANCER_TYPES);
    context.forEachResource(LOAD_BALANCER_TYPES, (loadBalancer) => {
      const type = loadBalancerType(loadBalancer);
      if (type === undefined) return context.unknown(loadBalancer, "load_balancer_type not known");
      if (type !== "application") return;
      const exposure = loadBalancerExposure(loadBalancer);
      if (exposure === "internal") return;
      if (exposure === "unknown") return context.unknown(loadBalancer, "internal not known");
      const verdict = wafVerdict(coverage, loadBalancer);
      if (verdict === "protected" || reachableOnlyThroughProtectedCloudFront(context.estate, loadBalancer))
        return context.pass(loadBalancer);
      if (verdict === "unknown") return context.unknown(loadBalancer, "an association's target cannot be traced");
      context.report({
        node: loadBalancer,
        messageId: "noWaf",
        data: { resource: loadBalancer.address },
        basis: [loadBalancer.attribute("internal"), loadBalancer.attribute("load_balancer_type")],
        conditional: coveredElsewhere(coverage.reach(loadBalancer)),
      });
    });
  },
});
