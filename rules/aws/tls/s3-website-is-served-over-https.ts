import { defineRule } from "../../../src/engine/rule.js";
import type { BlockNode, ResourceNode } from "../../../src/model/nodes.js";
import type { ModelNode } from "../../../src/model/model-node.js";
import { asString, isUnknown, type Value } from "../../../src/model/value.js";
import { cloudfrontOrigins, frontedElsewhere, originVerdict } from "../../shared/aws-cloudfront.js";
import { bucketIdentity, bucketOf, publicAccessBlocked, type BucketIdentity } from "../../shared/aws-s3-buckets.js";

/** The S3 website endpoint has no HTTPS at all: only CloudFront (or another CDN) in front can add it. */
export default defineRule({
  meta: {
    id: "IFL-TLS-012",
    name: "s3-website-is-served-over-https",
    title: "S3 static websites are served through CloudFront, not from the HTTP-only website endpoint",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "An S3 bucket configured as a static website is published at `http://<bucket>.s3-website-<region>.amazonaws.com`, and S3 website endpoints do not support HTTPS. Pages served there can be read and altered in transit, and GOV.UK's service manual requires HTTPS for every service, with HTTP only to redirect.",
    remediation:
      'Serve the site through a CloudFront distribution with `viewer_protocol_policy = "redirect-to-https"`: use the bucket\'s REST endpoint (`bucket_regional_domain_name`) as the origin with origin access control, drop the website configuration, and block public access with `aws_s3_bucket_public_access_block` (`restrict_public_buckets = true`, `ignore_public_acls = true`). A website configuration that only redirects every request to an HTTPS host is fine.',
    links: [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html",
      "https://www.gov.uk/service-manual/technology/using-https",
    ],
    messages: {
      websiteEndpoint:
        "{resource} publishes a static website on the S3 website endpoint, which serves HTTP only, and no CloudFront distribution in the scan uses the bucket as its origin.",
      redirectsOverHttp:
        "{resource} redirects every request to {host} over plain HTTP, from a website endpoint that serves HTTP only.",
    },
    resourceTypes: [
      "aws_s3_bucket_website_configuration",
      "aws_s3_bucket",
      "aws_s3_bucket_public_access_block",
      "aws_s3_account_public_access_block",
      "aws_cloudfront_distribution",
    ],
    limitations:
      "A CDN other than CloudFront in front of the website endpoint, and distributions or public access blocks in other Terraform root modules, are not visible; suppress the finding with that reason. A distribution whose origin cannot be traced leaves the websites of its root module unjudged and makes the findings of the repository's other root modules conditional. Buckets whose public access is blocked outside the code (AWS blocks it by default on new buckets) are reported until the block is written down.",
  },
  check(context) {
    const estate = context.estate;
    const origins = cloudfrontOrigins(estate);

    /** Judges one website: `website` is the configuration resource or the legacy block, `resource` what owns it. */
    const judge = (
      resource: ResourceNode,
      website: BlockNode,
      bucket: BucketIdentity | undefined,
      redirect: { host: Value | undefined; https: boolean | undefined; node: ModelNode } | undefined,
      configuration?: ResourceNode,
    ) => {
      if (redirect) {
        if (redirect.https === undefined || isUnknown(redirect.host))
          return context.unknown(resource, "redirect not known");
        if (redirect.https) return context.pass(resource);
        return context.report({
          node: redirect.node,
          messageId: "redirectsOverHttp",
          data: { resource: resource.address, host: asString(redirect.host) ?? "its host" },
          resource,
        });
      }
      const served = originVerdict(
        origins,
        [...(bucket?.resources ?? []), ...(configuration ? [configuration] : [])],
        (domain) => (bucket?.names ?? []).some((name) => domain.startsWith(`${name.toLowerCase()}.s3`)),
        resource,
      );
      if (served === "origin") return context.pass(resource);
      if (!bucket) return context.unknown(resource, "bucket not known");
      const blocked = publicAccessBlocked(estate, bucket, resource.module.root);
      if (blocked === "blocked") return context.pass(resource);
      if (blocked === "unknown" || served === "unknown")
        return context.unknown(
          resource,
          blocked === "unknown" ? "public access block not known" : "a CloudFront origin cannot be traced",
        );
      context.report({
        node: website,
        messageId: "websiteEndpoint",
        data: { resource: resource.address },
        resource,
        conditional: frontedElsewhere(origins, resource),
      });
    };

    context.forEachResource("aws_s3_bucket_website_configuration", (configuration) => {
      if (configuration.blocksOfType("dynamic").some((block) => block.labels[0] === "redirect_all_requests_to"))
        return context.unknown(configuration, "redirect not known");
      const redirectBlock = configuration.firstBlock("redirect_all_requests_to");
      const protocol = redirectBlock?.value("protocol");
      const redirect = redirectBlock && {
        host: redirectBlock.value("host_name"),
        https: isUnknown(protocol) ? undefined : asString(protocol)?.toLowerCase() === "https",
        node: redirectBlock.attribute("protocol") ?? redirectBlock,
      };
      judge(
        configuration,
        configuration,
        bucketIdentity(estate, configuration.value("bucket")),
        redirect,
        configuration,
      );
    });

    // The `website` block of aws_s3_bucket, deprecated in provider v4 but still common.
    context.forEachResource("aws_s3_bucket", (bucket) => {
      for (const website of bucket.blocksOfType("website")) {
        const attribute = website.attribute("redirect_all_requests_to");
        const target = attribute?.value;
        const redirect =
          !attribute || target === null
            ? undefined
            : {
                host: target,
                https: isUnknown(target) ? undefined : /^https:\/\//i.test(asString(target) ?? ""),
                node: attribute,
              };
        judge(bucket, website, bucketOf(bucket), redirect);
      }
    });
  },
});
