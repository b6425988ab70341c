import { defineRule } from "../../../src/engine/rule.js";
import type { BlockNode, ResourceNode } from "../../../src/model/nodes.js";
import type { ModelNode } from "../../../src/model/model-node.js";
import { asNumber, asString, isUnknown, type Value } from "../../../src/model/value.js";
import { HSTS_ONE_YEAR, MANAGED_RESPONSE_HEADERS_POLICIES, runsCodeAt } from "../../shared/aws-cloudfront.js";

const POLICY_TYPE = "aws_cloudfront_response_headers_policy";

/** The HSTS a response headers policy sends: its max-age (0 for none) and where that is written. */
type Hsts = { maxAge: number; name: string; node?: ModelNode } | "unknown";

/** HSTS makes browsers refuse plain HTTP to the site for a year, closing the gap before the redirect. */
export default defineRule({
  meta: {
    id: "IFL-TLS-016",
    name: "cloudfront-sends-hsts",
    title: "CloudFront distributions send Strict-Transport-Security with a max-age of at least one year",
    severity: "note",
    category: "tls",
    guidance: ["GDS-HTTPS"],
    rationale:
      "A redirect from HTTP to HTTPS still lets the first plain request be intercepted. GOV.UK's guidance on HTTPS asks services to send HSTS (Strict-Transport-Security) with a max-age of one year, so browsers go straight to HTTPS. On CloudFront the header comes from a response headers policy on the cache behaviour; without one, only the origin can send it.",
    remediation:
      'Attach AWS\'s managed SecurityHeadersPolicy (`response_headers_policy_id = "67f7725c-6f97-4210-82d7-5512b31e9d03"`) to the default cache behaviour, or a policy of your own with `security_headers_config { strict_transport_security { access_control_max_age_sec = 31536000  include_subdomains = true  override = true } }`.',
    links: [
      "https://www.gov.uk/service-manual/technology/using-https",
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html",
    ],
    messages: {
      noPolicy:
        "The default cache behaviour of {resource} has no response headers policy, so CloudFront adds no Strict-Transport-Security header.",
      noHsts:
        "The default cache behaviour of {resource} uses response headers policy {policy}, which sets no Strict-Transport-Security header.",
      shortMaxAge:
        "The default cache behaviour of {resource} uses response headers policy {policy}, which sets Strict-Transport-Security max-age={maxAge}, less than one year.",
    },
    resourceTypes: ["aws_cloudfront_distribution", POLICY_TYPE],
    limitations:
      "HSTS sent by the application behind CloudFront is not visible; suppress the finding with that reason. A behaviour with a viewer- or origin-response function is treated as unknown, since the function may add the header. Only the default cache behaviour is judged: browsers remember HSTS for the whole host from any response, and the default behaviour serves the site's pages. Custom policies created outside the scan are unknown.",
  },
  check(context) {
    context.forEachResource("aws_cloudfront_distribution", (distribution) => {
      const behaviour = distribution.firstBlock("default_cache_behavior");
      if (!behaviour) return context.unknown(distribution, "default cache behaviour not known");
      const policyId = behaviour.attribute("response_headers_policy_id");
      if (!policyId || policyId.value === null || policyId.value === "") {
        if (runsCodeAt(behaviour, ["viewer-response", "origin-response"]))
          return context.unknown(distribution, "a response function may add the header");
        return context.report({
          node: behaviour,
          messageId: "noPolicy",
          data: { resource: distribution.address },
          resource: distribution,
          basis: [policyId],
        });
      }
      const hsts = policyHsts(context.estate.referencedResources(policyId.value), policyId.value);
      if (hsts === "unknown") return context.unknown(distribution, "response headers policy not known");
      if (hsts.maxAge >= HSTS_ONE_YEAR) return context.pass(distribution);
      const related = hsts.node ? [{ node: hsts.node, message: `response headers policy ${hsts.name}` }] : [];
      if (hsts.maxAge === 0)
        return context.report({
          node: policyId,
          messageId: "noHsts",
          data: { resource: distribution.address, policy: hsts.name },
          resource: distribution,
          related,
        });
      context.report({
        node: policyId,
        messageId: "shortMaxAge",
        data: { resource: distribution.address, policy: hsts.name, maxAge: hsts.maxAge },
        resource: distribution,
        related,
      });
    });
  },
});

/** The HSTS of the policy a behaviour names: an AWS managed policy by id, or policies (or data sources) in the scan. */
function policyHsts(referenced: readonly ResourceNode[], id: Value): Hsts {
  const managedById = MANAGED_RESPONSE_HEADERS_POLICIES.find((policy) => policy.id === id);
  if (managedById) return { maxAge: managedById.hstsMaxAge, name: managedById.name };
  const policies = referenced.filter((resource) => resource.resourceType === POLICY_TYPE);
  if (!policies.length) return "unknown";
  // A reference to a counted or keyed policy names every instance: they must agree.
  const verdicts = policies.map((policy) =>
    policy.mode === "data" ? managedPolicyHsts(policy) : customPolicyHsts(policy),
  );
  const [first] = verdicts;
  if (first === "unknown" || verdicts.some((verdict) => verdict === "unknown" || verdict.maxAge !== first.maxAge))
    return "unknown";
  return first;
}

/** `data "aws_cloudfront_response_headers_policy"` looks a managed policy up by name or id. */
function managedPolicyHsts(source: ResourceNode): Hsts {
  const name = source.value("name");
  const id = source.value("id");
  const managed = MANAGED_RESPONSE_HEADERS_POLICIES.find(
    (policy) => (name !== undefined && policy.name === name) || (id !== undefined && policy.id === id),
  );
  return managed ? { maxAge: managed.hstsMaxAge, name: managed.name } : "unknown";
}

/** A policy in the scan: `security_headers_config.strict_transport_security`, or a custom Strict-Transport-Security header. */
function customPolicyHsts(policy: ResourceNode): Hsts {
  const name = asString(policy.value("name")) ?? policy.address;
  const security = policy.firstBlock("security_headers_config");
  if (hasDynamic(policy, "security_headers_config") || (security && hasDynamic(security, "strict_transport_security")))
    return "unknown";
  const strict = security?.firstBlock("strict_transport_security");
  if (strict) {
    const age = strict.attribute("access_control_max_age_sec");
    const seconds = asNumber(age?.value);
    return seconds === undefined ? "unknown" : { maxAge: seconds, name, node: age };
  }
  const custom = policy.firstBlock("custom_headers_config");
  if (hasDynamic(policy, "custom_headers_config") || (custom && hasDynamic(custom, "items"))) return "unknown";
  for (const item of custom?.blocksOfType("items") ?? []) {
    const header = item.value("header");
    if (isUnknown(header)) return "unknown";
    if (asString(header)?.toLowerCase() !== "strict-transport-security") continue;
    const value = item.attribute("value");
    if (!value || isUnknown(value.value)) return "unknown";
    const match = /max-age\s*=\s*"?(\d+)/i.exec(asString(value.value) ?? "");
    return { maxAge: match ? Number(match[1]) : 0, name, node: value };
  }
  return { maxAge: 0, name, node: policy };
}

/** True when blocks of the type come from a dynamic block the scan could not expand. */
function hasDynamic(block: BlockNode, type: string): boolean {
  return block.blocksOfType("dynamic").some((dynamic) => dynamic.labels[0] === type);
}
