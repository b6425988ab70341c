import { defineRule, type Report } from "../../../src/engine/rule.js";
import type { ModelNode } from "../../../src/model/model-node.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";

const DOMAIN_TYPES = ["aws_opensearch_domain", "aws_elasticsearch_domain"];

/**
 * What a domain gets when its endpoint options leave a setting out. Nothing is sent then (the AWS
 * provider sends the block only when written, CloudFormation only the properties given), and AWS
 * documents no default for EnforceHTTPS or TLSSecurityPolicy; domains created so have had HTTPS
 * optional and Policy-Min-TLS-1-0-2019-07, which is what a finding on them holds on.
 */
const SERVICE_DEFAULTS: NonNullable<Report<string>["conditional"]> = {
  reason:
    "holds if the service's defaults, which AWS does not document, are what domains created without these settings have had: HTTPS not required, Policy-Min-TLS-1-0-2019-07",
  related: [],
};

/** The TLS security policies the service defines, and whether each allows TLS below 1.2. */
const POLICIES_BELOW_TLS12 = new Map([
  ["Policy-Min-TLS-1-0-2019-07", true],
  ["Policy-Min-TLS-1-2-2019-07", false],
  ["Policy-Min-TLS-1-2-PFS-2023-10", false],
]);

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
      "The NHS cloud data guidance makes TLS 1.2 the default for data in transit. A search domain with `enforce_https = false` accepts plain HTTP, and the `Policy-Min-TLS-1-0-2019-07` policy accepts TLS 1.0 and 1.1. A domain that leaves these settings out gets the service's own defaults, which AWS does not document; domains created that way have accepted HTTP and TLS 1.0.",
    remediation:
      'In `domain_endpoint_options`, set `enforce_https = true` and `tls_security_policy = "Policy-Min-TLS-1-2-2019-07"` (or the PFS 2023 policy).',
    links: [
      "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html",
      "https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html",
    ],
    messages: {
      httpAllowed: "Search domain {resource} accepts plain HTTP (enforce_https = false).",
      weakTls: "Search domain {resource} uses {policy}, which allows TLS 1.0 and 1.1.",
      noEndpointOptions:
        "Search domain {resource} sets no domain_endpoint_options, so the service's defaults apply: HTTPS is not required and TLS 1.0 is accepted.",
      httpByDefault:
        "Search domain {resource} does not set enforce_https, so the service's default applies: HTTPS is not required.",
      tlsByDefault:
        "Search domain {resource} sets no tls_security_policy, so the service's default applies: TLS 1.0 and 1.1 are accepted.",
    },
    resourceTypes: DOMAIN_TYPES,
    limitations:
      "A setting left out (no `domain_endpoint_options`, or no `tls_security_policy` in it; in CloudFormation also no `EnforceHTTPS`) gets the service's default, which AWS does not document: such findings are conditional on that default being the HTTP-optional, TLS 1.0 one domains created so have had. In Terraform, `enforce_https` defaults to true once the block is written. Endpoint options written as a `dynamic` block, and TLS policy names the service does not define (ones added later), are not judged.",
  },
  check(context) {
    context.forEachResource(DOMAIN_TYPES, (domain) => {
      const options = domain.firstBlock("domain_endpoint_options");
      if (!options) {
        if (domain.blocksOfType("dynamic").some((block) => block.labels[0] === "domain_endpoint_options"))
          return context.unknown(domain, "endpoint options in a dynamic block");
        // A plan before the domain exists: the options are known after apply.
        if (isUnknown(domain.value("domain_endpoint_options")))
          return context.unknown(domain, "endpoint options known after apply");
        return context.report({
          node: domain,
          messageId: "noEndpointOptions",
          data: { resource: domain.address },
          resource: domain,
          conditional: SERVICE_DEFAULTS,
        });
      }
      const enforce = options.attribute("enforce_https");
      const policy = options.attribute("tls_security_policy");
      let reported = false;
      const report = (
        messageId: "httpAllowed" | "weakTls" | "httpByDefault" | "tlsByDefault",
        node: ModelNode = options,
      ) => {
        reported = true;
        context.report({
          node,
          messageId,
          data: { resource: domain.address, policy: asString(policy?.value) ?? "" },
          resource: domain,
          ...(messageId === "httpByDefault" || messageId === "tlsByDefault" ? { conditional: SERVICE_DEFAULTS } : {}),
        });
      };
      // The AWS provider sends enforce_https = true when the block leaves it out; CloudFormation sends nothing.
      if (!enforce || enforce.value === null) {
        if (domain.input === "cloudformation") report("httpByDefault");
      } else if (!isUnknown(enforce.value) && asBoolean(enforce.value) === false) report("httpAllowed", enforce);
      const policyName = asString(policy?.value);
      if (!policy || policy.value === null) report("tlsByDefault");
      else if (policyName !== undefined && POLICIES_BELOW_TLS12.get(policyName)) report("weakTls", policy);
      if (reported) return;
      if (isUnknown(enforce?.value) || isUnknown(policy?.value)) context.unknown(domain, "endpoint options not known");
      // A policy name the service does not define (one added later) is not guessed at.
      else if (policyName === undefined || !POLICIES_BELOW_TLS12.has(policyName))
        context.unknown(domain, `unrecognised tls_security_policy ${policyName ?? ""}`);
      else context.pass(domain);
    });
  },
});
