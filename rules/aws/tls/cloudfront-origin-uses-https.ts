import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { BlockNode, ResourceNode } from "../../../src/model/nodes.js";
import { asString, isUnknown, type Value } from "../../../src/model/value.js";

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
    rationale:
      'Once a service is on the internet, the path from CloudFront to its origin crosses the internet too. `origin_protocol_policy = "http-only"` sends every request in plain text; `match-viewer` does so whenever a viewer uses HTTP; SSLv3, TLS 1.0 or 1.1 in `origin_ssl_protocols` allow deprecated protocols to the origin.',
    remediation:
      'In `custom_origin_config`, set `origin_protocol_policy = "https-only"` and `origin_ssl_protocols = ["TLSv1.2"]`. An S3 website endpoint (`*.s3-website-<region>.amazonaws.com`) cannot serve HTTPS at all: serve the bucket through its REST endpoint (`bucket_regional_domain_name`) in an `s3_origin_config` with origin access control (`origin_access_control_id`) instead, and do redirects in a CloudFront function.',
    links: [
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html",
    ],
    messages: {
      plainOrigin:
        'Origin {origin} of {resource} is fetched with origin_protocol_policy "{policy}", which sends requests over plain HTTP.',
      matchViewer:
        'Origin {origin} of {resource} is fetched with origin_protocol_policy "match-viewer" and a cache behaviour that reaches it admits HTTP viewers (allow-all), so their requests go to the origin over plain HTTP.',
      weakOriginTls: "Origin {origin} of {resource} allows {protocols} to the origin.",
      websiteOrigin:
        "Origin {origin} of {resource} is an S3 website endpoint, which serves only plain HTTP: serve the bucket through its REST endpoint (bucket_regional_domain_name) with origin access control instead.",
    },
    resourceTypes: ["aws_cloudfront_distribution"],
    limitations:
      '`match-viewer` is reported only when a cache behaviour that reaches the origin (directly or through an origin group) has `viewer_protocol_policy = "allow-all"`: when every such behaviour redirects or refuses HTTP, CloudFront always fetches over HTTPS. Protocols of an `http-only` origin are not judged, since no TLS is used. S3 website endpoints, which serve only HTTP, are reported here and by IFL-TLS-012. Origins from `dynamic` blocks are not judged.',
  },
  check(context) {
    context.forEachResource("aws_cloudfront_distribution", (distribution) => {
      let unknown = distribution.blocksOfType("dynamic").some((block) => block.labels[0] === "origin");
      let reported = false;
      for (const [index, origin] of distribution.blocksOfType("origin").entries()) {
        const config = origin.firstBlock("custom_origin_config");
        if (!config) continue;
        const id = origin.value("origin_id");
        const data = { origin: typeof id === "string" ? id : `#${index + 1}`, resource: distribution.address };
        const policy = config.attribute("origin_protocol_policy");
        if (!policy || isUnknown(policy.value)) {
          unknown = true;
          continue;
        }
        if (policy.value === "http-only") {
          // No TLS at all to this origin: its origin_ssl_protocols never apply.
          context.report({
            node: policy,
            messageId: isS3WebsiteEndpoint(context, origin) ? "websiteOrigin" : "plainOrigin",
            data: { ...data, policy: "http-only" },
            resource: distribution,
          });
          reported = true;
          continue;
        }
        if (policy.value === "match-viewer") {
          const viewers = viewerPoliciesReaching(distribution, id);
          if (viewers.includes("allow-all")) {
            const messageId = isS3WebsiteEndpoint(context, origin) ? "websiteOrigin" : "matchViewer";
            context.report({ node: policy, messageId, data, resource: distribution });
            reported = true;
          } else if (viewers.includes(UNKNOWN)) unknown = true;
        }
        const protocols = config.attribute("origin_ssl_protocols");
        if (!protocols || !Array.isArray(protocols.value)) {
          unknown ||= protocols !== undefined;
          continue;
        }
        const weak = protocols.value.filter(
          (protocol): protocol is string => typeof protocol === "string" && WEAK_ORIGIN_PROTOCOLS.has(protocol),
        );
        if (weak.length) {
          context.report({
            node: protocols,
            path: [protocols.value.indexOf(weak[0])],
            messageId: "weakOriginTls",
            data: { ...data, protocols: weak.join(", ") },
            resource: distribution,
          });
          reported = true;
        }
      }
      if (!reported) {
        if (unknown) context.unknown(distribution, "an origin's protocol settings are not known");
        else context.pass(distribution);
      }
    });
  },
});

const UNKNOWN = Symbol("unknown");

/**
 * The viewer_protocol_policy of every cache behaviour that can send requests to an origin, directly
 * or through an origin group (failover) it is a member of; UNKNOWN where that cannot be told.
 */
function viewerPoliciesReaching(distribution: ResourceNode, originId: Value | undefined): (string | typeof UNKNOWN)[] {
  const groups = new Map<string, (Value | undefined)[]>();
  for (const group of distribution.blocksOfType("origin_group")) {
    const groupId = group.value("origin_id");
    if (typeof groupId === "string")
      groups.set(
        groupId,
        group.blocksOfType("member").map((member) => member.value("origin_id")),
      );
  }
  const reaches = (target: Value | undefined): boolean =>
    typeof target !== "string" ||
    typeof originId !== "string" ||
    target === originId ||
    (groups.get(target)?.some((member) => typeof member !== "string" || member === originId) ?? false);
  const behaviours = [
    ...distribution.blocksOfType("default_cache_behavior"),
    ...distribution.blocksOfType("ordered_cache_behavior"),
  ];
  const policies: (string | typeof UNKNOWN)[] = behaviours
    .filter((behaviour) => reaches(behaviour.value("target_origin_id")))
    .map((behaviour) => asString(behaviour.value("viewer_protocol_policy")) ?? UNKNOWN);
  if (
    distribution
      .blocksOfType("dynamic")
      .some((block) => block.labels[0] === "ordered_cache_behavior" || block.labels[0] === "default_cache_behavior")
  )
    policies.push(UNKNOWN);
  return policies;
}

/**
 * An S3 website endpoint (`bucket.s3-website-eu-west-2.amazonaws.com`, `bucket.s3-website.eu-west-2...`),
 * written out or taken from a website configuration: it speaks only HTTP, so the fix is another origin.
 */
function isS3WebsiteEndpoint(context: RuleContext, origin: BlockNode): boolean {
  const domain = origin.value("domain_name");
  if (typeof domain === "string") return /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com\.?$/i.test(domain);
  return context.estate
    .referencedResources(domain)
    .some((resource) => resource.resourceType === "aws_s3_bucket_website_configuration");
}
