import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";

const DOMAIN_TYPES = ["aws_opensearch_domain", "aws_elasticsearch_domain"];

/** Search domains hold data that public services read; their endpoints must insist on TLS 1.2. */
export default defineRule({
  meta: {
    id: "IFL-TLS-011",
    name: "search-domain-enforces-https",
    title: "OpenSearch and Elasticsearch domains enforce HTTPS with TLS 1.2",
    severity: "error",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "The NHS cloud data guidance makes TLS 1.2 the default for data in transit. A search domain with `enforce_https = false` accepts plain HTTP, and the `Policy-Min-TLS-1-0-2019-07` policy accepts TLS 1.0 and 1.1.",
    remediation:
      'In `domain_endpoint_options`, set `enforce_https = true` and `tls_security_policy = "Policy-Min-TLS-1-2-2019-07"` (or the PFS 2023 policy).',
    links: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html"],
    messages: {
      httpAllowed: "Search domain {resource} accepts plain HTTP (enforce_https = false).",
      weakTls: "Search domain {resource} uses {policy}, which allows TLS 1.0 and 1.1.",
    },
    resourceTypes: DOMAIN_TYPES,
    limitations: "Only explicit settings are judged; domains that rely on older provider defaults are not flagged.",
  },
  check(context) {
    context.forEachResource(DOMAIN_TYPES, (domain) => {
      const options = domain.firstBlock("domain_endpoint_options");
      if (!options) return context.pass(domain);
      const enforce = options.attribute("enforce_https");
      const policy = options.attribute("tls_security_policy");
      const name = asString(policy?.value);
      let reported = false;
      if (enforce && !isUnknown(enforce.value) && asBoolean(enforce.value) === false) {
        context.report({
          node: enforce,
          messageId: "httpAllowed",
          data: { resource: domain.address },
          resource: domain,
        });
        reported = true;
      }
      if (policy && name === "Policy-Min-TLS-1-0-2019-07") {
        context.report({
          node: policy,
          messageId: "weakTls",
          data: { resource: domain.address, policy: name },
          resource: domain,
        });
        reported = true;
      }
      if (reported) return;
      if (isUnknown(enforce?.value) || isUnknown(policy?.value)) context.unknown(domain, "endpoint options not known");
      else context.pass(domain);
    });
  },
});
