import { defineRule } from "../../../src/engine/rule.js";
import type { Estate } from "../../../src/model/estate.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { isUnknown } from "../../../src/model/value.js";

/** CloudFront is where most public NHS web services meet the internet first. */
export default defineRule({
  meta: {
    id: "IFL-WAF-002",
    name: "cloudfront-has-waf",
    title: "CloudFront distributions are protected by a web application firewall",
    severity: "error",
    category: "waf",
    guidance: ["IF-CYBER", "IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      "A CloudFront distribution is the internet edge of the services behind it. Without `web_acl_id` no WAF inspects the requests it forwards, contrary to the Internet First cyber guidance's boundary protection for inbound traffic.",
    remediation:
      'Create a WAFv2 web ACL with `scope = "CLOUDFRONT"` (in us-east-1) and set `web_acl_id = aws_wafv2_web_acl.edge.arn` on the distribution.',
    links: ["https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html"],
    messages: {
      noWaf: "Distribution {resource} has no web application firewall (web_acl_id is not set).",
      redirectOnly:
        "Distribution {resource} has no web application firewall (web_acl_id is not set); it only redirects (every behaviour's origin is an S3 website bucket with redirect_all_requests_to), so it serves no content of its own.",
    },
    resourceTypes: ["aws_cloudfront_distribution"],
    limitations:
      "Only the distribution's own `web_acl_id` is read (CloudFront takes its web ACL there, not through associations). Web ACLs attached by AWS Firewall Manager, or an ID from an unset variable, are not seen, and such distributions are not judged.",
  },
  check(context) {
    context.forEachResource("aws_cloudfront_distribution", (distribution) => {
      const webAcl = distribution.value("web_acl_id");
      // An ARN known only after apply is still protection when it comes from a web ACL in the scan.
      if (
        context.estate
          .referencedResources(webAcl)
          .some(
            (resource) => resource.resourceType === "aws_wafv2_web_acl" || resource.resourceType === "aws_waf_web_acl",
          )
      )
        return context.pass(distribution);
      if (isUnknown(webAcl)) return context.unknown(distribution, webAcl.reason);
      if (webAcl === undefined || webAcl === null || webAcl === "") {
        const redirects = onlyRedirects(context.estate, distribution);
        context.report({
          node: distribution,
          messageId: redirects ? "redirectOnly" : "noWaf",
          data: { resource: distribution.address },
          basis: [distribution.attribute("web_acl_id")],
          // A distribution that answers every request with a redirect has nothing behind it to protect.
          ...(redirects ? { severity: "note" as const } : {}),
        });
      } else context.pass(distribution);
    });
  },
});

/** Every cache behaviour's origin is an S3 website bucket configured to redirect all requests elsewhere. */
function onlyRedirects(estate: Estate, distribution: ResourceNode): boolean {
  const behaviours = [
    ...distribution.blocksOfType("default_cache_behavior"),
    ...distribution.blocksOfType("ordered_cache_behavior"),
  ];
  if (!behaviours.length) return false;
  const origins = new Map(distribution.blocksOfType("origin").map((origin) => [origin.value("origin_id"), origin]));
  return behaviours.every((behaviour) => {
    const origin = origins.get(behaviour.value("target_origin_id"));
    if (!origin) return false;
    return estate.referencedResources(origin.value("domain_name")).some(redirectsAllRequests);
  });
}

function redirectsAllRequests(resource: ResourceNode): boolean {
  if (resource.resourceType === "aws_s3_bucket_website_configuration")
    return resource.blocksOfType("redirect_all_requests_to").length > 0;
  if (resource.resourceType === "aws_s3_bucket")
    return resource.blocksOfType("website").some((website) => {
      const target = website.value("redirect_all_requests_to");
      return typeof target === "string" && target !== "";
    });
  return false;
}
