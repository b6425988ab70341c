import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, isUnknown } from "../../../src/model/value.js";
import { CLOUDFRONT_WEAK_POLICIES, cloudfrontMinimumTls } from "../../shared/aws-tls-policies.js";

/** Viewers connect with the distribution's minimum protocol; the default certificate allows TLS 1.0. */
export default defineRule({
  meta: {
    id: "IFL-TLS-004",
    name: "cloudfront-uses-modern-tls",
    title: "CloudFront distributions use their own certificate with TLSv1.2_2019 or later",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "GDS-HTTPS", "IF-IPDNS"],
    rationale:
      "CloudFront's `minimum_protocol_version` sets the oldest TLS version viewers may use; policies before TLSv1.2_2019 allow TLS 1.0/1.1 or weak ciphers. The default *.cloudfront.net certificate cannot be given a minimum and accepts TLS 1.0, and it means the service is not on its own public DNS name.",
    remediation:
      'Serve the distribution on your own domain with an ACM certificate: `viewer_certificate { acm_certificate_arn = ..., ssl_support_method = "sni-only", minimum_protocol_version = "TLSv1.2_2021" }`.',
    links: [
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
      "https://www.ncsc.gov.uk/guidance/tls-external-facing-services",
    ],
    messages: {
      weakMinimum:
        "Distribution {resource} accepts viewers with {policy}, which allows protocols or ciphers below TLSv1.2_2019.",
      defaultMinimum:
        "Distribution {resource} sets no minimum_protocol_version for its certificate, so the provider's default TLSv1 applies, which allows TLS 1.0.",
      defaultCertificate:
        "Distribution {resource} uses the default CloudFront certificate, which accepts TLS 1.0 and serves the service on a cloudfront.net name.",
    },
    resourceTypes: ["aws_cloudfront_distribution"],
    limitations:
      "The viewer-facing TLS minimum is judged from `viewer_certificate`; a CloudFormation distribution without `ViewerCertificate` uses the default certificate and is reported; a Terraform one without the block (which the provider requires), or with its settings unknown, is not judged. The AWS provider's default for `minimum_protocol_version` (TLSv1) is applied when a custom certificate is named without one. A `minimum_protocol_version` CloudFront does not define (one added later, or `TLSv1.0`, which it rejects) is treated as unknown, as other TLS rules treat policy names they do not know.",
  },
  check(context) {
    context.forEachResource("aws_cloudfront_distribution", (distribution) => {
      const certificate = distribution.firstBlock("viewer_certificate");
      // Terraform requires the block; a CloudFormation distribution without ViewerCertificate gets
      // the default certificate.
      if (!certificate && distribution.input === "cloudformation")
        return context.report({
          node: distribution,
          messageId: "defaultCertificate",
          data: { resource: distribution.address },
          resource: distribution,
        });
      if (!certificate) return context.unknown(distribution, "no viewer_certificate block");
      const useDefault = certificate.attribute("cloudfront_default_certificate");
      const usesDefault = asBoolean(useDefault?.value);
      if (isUnknown(useDefault?.value))
        return context.unknown(distribution, "cloudfront_default_certificate not known");
      if (usesDefault === true) {
        context.report({
          node: useDefault ?? certificate,
          messageId: "defaultCertificate",
          data: { resource: distribution.address },
          resource: distribution,
        });
        return;
      }
      const minimum = certificate.attribute("minimum_protocol_version");
      if (!minimum) {
        // The provider fills in "TLSv1" when a custom certificate is given no minimum.
        const custom = certificate.attribute("acm_certificate_arn") ?? certificate.attribute("iam_certificate_id");
        if (custom && custom.value !== null)
          return context.report({
            node: certificate,
            messageId: "defaultMinimum",
            data: { resource: distribution.address },
            resource: distribution,
          });
        return context.unknown(distribution, "no certificate named");
      }
      if (typeof minimum.value !== "string") return context.unknown(distribution, "minimum_protocol_version not known");
      // A name CloudFront does not define (one added later, or `TLSv1.0`, which it rejects) is not guessed at.
      if (!cloudfrontMinimumTls(minimum.value))
        return context.unknown(distribution, `unrecognised minimum_protocol_version ${minimum.value}`);
      if (CLOUDFRONT_WEAK_POLICIES.has(minimum.value))
        context.report({
          node: minimum,
          messageId: "weakMinimum",
          data: { resource: distribution.address, policy: minimum.value },
          resource: distribution,
        });
      else context.pass(distribution);
    });
  },
});
