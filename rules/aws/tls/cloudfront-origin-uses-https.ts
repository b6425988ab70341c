import { defineRule } from "../../../src/engine/rule.js";
import { isUnknown } from "../../../src/model/value.js";

const WEAK_ORIGIN_PROTOCOLS = new Set(["SSLv3", "TLSv1", "TLSv1.1"]);

/** HTTPS at the edge is not enough if CloudFront fetches from the origin over HTTP or old TLS. */
export default defineRule({
  meta: {
    id: "IFL-TLS-009",
    name: "cloudfront-origin-uses-https",
    title: "CloudFront reaches custom origins over HTTPS with TLS 1.2",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "NHS-CLOUD-DATA", "GDS-HTTPS"],
    rationale: "Once a service is on the internet, the path from CloudFront to its origin crosses the internet too. `origin_protocol_policy = \"http-only\"` sends every request in plain text; `match-viewer` does so whenever a viewer uses HTTP; SSLv3, TLS 1.0 or 1.1 in `origin_ssl_protocols` allow deprecated protocols to the origin.",
    remediation: 'In `custom_origin_config`, set `origin_protocol_policy = "https-only"` and `origin_ssl_protocols = ["TLSv1.2"]`.',
    links: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html"],
    messages: {
      plainOrigin: "Origin {origin} of {resource} is fetched with origin_protocol_policy \"{policy}\", which sends requests over plain HTTP.",
      weakOriginTls: "Origin {origin} of {resource} allows {protocols} to the origin.",
    },
    resourceTypes: ["aws_cloudfront_distribution"],
  },
  check(context) {
    context.forEachResource("aws_cloudfront_distribution", (distribution) => {
      for (const [index, origin] of distribution.blocksOfType("origin").entries()) {
        const config = origin.firstBlock("custom_origin_config");
        if (!config) continue;
        const id = origin.value("origin_id");
        const name = typeof id === "string" ? id : `#${index + 1}`;
        const policy = config.attribute("origin_protocol_policy");
        if (policy && !isUnknown(policy.value) && (policy.value === "http-only" || policy.value === "match-viewer")) {
          context.report({ node: policy, messageId: "plainOrigin", data: { origin: name, resource: distribution.address, policy: String(policy.value) }, resource: distribution });
        }
        const protocols = config.attribute("origin_ssl_protocols");
        if (protocols && Array.isArray(protocols.value)) {
          const weak = protocols.value.filter((protocol): protocol is string => typeof protocol === "string" && WEAK_ORIGIN_PROTOCOLS.has(protocol));
          if (weak.length) context.report({ node: protocols, path: [protocols.value.indexOf(weak[0])], messageId: "weakOriginTls", data: { origin: name, resource: distribution.address, protocols: weak.join(", ") }, resource: distribution });
        }
      }
    });
  },
});
