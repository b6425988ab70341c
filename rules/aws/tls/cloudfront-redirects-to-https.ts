import { defineRule } from "../../../src/engine/rule.js";
import { isUnknown } from "../../../src/model/value.js";
import { runsCodeAt } from "../../shared/aws-cloudfront.js";

/** `allow-all` serves content over plain HTTP to anyone who asks for it. */
export default defineRule({
  meta: {
    id: "IFL-TLS-003",
    name: "cloudfront-redirects-to-https",
    title: "CloudFront cache behaviours redirect HTTP to HTTPS or serve HTTPS only",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS"],
    rationale:
      'With `viewer_protocol_policy = "allow-all"` a CloudFront distribution serves the same content over plain HTTP, where it can be read and altered in transit. GOV.UK\'s service manual requires HTTPS for every service and API, with HTTP used only to redirect.',
    remediation:
      'Set `viewer_protocol_policy = "redirect-to-https"` (or `"https-only"` for APIs) in the default and every ordered cache behaviour.',
    links: [
      "https://www.gov.uk/service-manual/technology/using-https",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution",
    ],
    messages: {
      allowAll: '{behaviour} of {resource} allows plain HTTP (viewer_protocol_policy = "allow-all").',
    },
    resourceTypes: ["aws_cloudfront_distribution"],
    limitations:
      "Each cache behaviour is judged on its `viewer_protocol_policy`; behaviours from `dynamic` blocks or with unknown policies are not judged. A path that only serves redirects or public files over HTTP is reported like any other; an `allow-all` behaviour with a viewer-request CloudFront function or Lambda@Edge (which may redirect in code) is not judged.",
  },
  check(context) {
    context.forEachResource("aws_cloudfront_distribution", (distribution) => {
      const behaviours = [
        ...distribution
          .blocksOfType("default_cache_behavior")
          .map((block) => ({ block, label: "The default cache behaviour" })),
        ...distribution.blocksOfType("ordered_cache_behavior").map((block) => {
          const pattern = block.value("path_pattern");
          return {
            block,
            label: `The cache behaviour for ${typeof pattern === "string" ? pattern : "a path pattern"}`,
          };
        }),
      ];
      if (distribution.blocksOfType("dynamic").some((block) => block.labels[0]?.endsWith("cache_behavior")))
        context.unknown(distribution, "dynamic cache behaviours");
      for (const { block, label } of behaviours) {
        const policy = block.attribute("viewer_protocol_policy");
        if (!policy || isUnknown(policy.value)) {
          context.unknown(distribution, "viewer_protocol_policy not known");
          continue;
        }
        if (policy.value === "allow-all" && runsCodeAt(block, ["viewer-request"]))
          context.unknown(distribution, "a viewer-request function may redirect HTTP");
        else if (policy.value === "allow-all")
          context.report({
            node: policy,
            messageId: "allowAll",
            data: { behaviour: label, resource: distribution.address },
            resource: distribution,
          });
        else context.pass(distribution);
      }
    });
  },
});
