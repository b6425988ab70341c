import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { isUnknown } from "../../../src/model/value.js";
import { apiGatewayPolicyMinimumTls, tlsBelow } from "../../shared/aws-tls-policies.js";

type MessageId = "tls10" | "defaultTls10";

/**
 * A domain left without `security_policy` keeps the policy API Gateway gave it when it was made:
 * TLS_1_0 for years, TLS_1_2 for domains made since AWS changed the default.
 */
const CREATED_WITH_OLD_DEFAULT = {
  reason:
    "holds for a domain created while TLS_1_0 was API Gateway's default for custom domains; AWS now documents TLS_1_2 as the default for new regional, edge-optimized and private domains, so one created since has TLS_1_2",
  related: [],
};

/** API Gateway custom domains that accept TLS below 1.2 expose API clients to downgrade attacks. */
export default defineRule({
  meta: {
    id: "IFL-TLS-005",
    name: "api-gateway-domain-uses-tls12",
    title: "API Gateway custom domains use a security policy of TLS 1.2 or later",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "GDS-HTTPS", "NHS-CLOUD-DATA"],
    rationale:
      "APIs that integrating systems used over the private network become internet-facing under Internet First. An API Gateway custom domain with the TLS_1_0 policy accepts TLS 1.0 and 1.1. TLS_1_0 was also what API Gateway gave custom domains created without `security_policy`; AWS now documents TLS_1_2 as the default for new domains, but a domain keeps the policy it was created with, and Terraform changes it only when `security_policy` is set.",
    remediation:
      'Set `security_policy = "TLS_1_2"` (or an enhanced policy such as `SecurityPolicy_TLS13_1_2_2021_06`) on `aws_api_gateway_domain_name`, and `security_policy = "TLS_1_2"` in `domain_name_configuration` of `aws_apigatewayv2_domain_name`.',
    links: [
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html",
    ],
    messages: {
      tls10: "Custom domain {resource} uses the {policy} security policy, which allows TLS 1.0 and 1.1.",
      defaultTls10:
        "Custom domain {resource} sets no security_policy: a domain created while TLS_1_0 was API Gateway's default keeps it, and TLS_1_0 allows TLS 1.0 and 1.1.",
    },
    resourceTypes: ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"],
    limitations:
      "A security policy is judged by the lowest TLS version AWS lists for it: TLS_1_0 accepts TLS 1.0; TLS_1_2, `SecurityPolicy_TLS13_1_2_*` and `SecurityPolicy_TLS12_*_EDGE` accept TLS 1.2 and 1.3; `SecurityPolicy_TLS13_1_3_*` and `SecurityPolicy_TLS13_2025_EDGE` accept TLS 1.3 only. A name AWS does not list (a policy added later, a typo) is not judged. A REST API custom domain without `security_policy` is reported, conditional on having been created while TLS_1_0 was the default (the code does not say when the domain was created). HTTP/WebSocket API domains (`aws_apigatewayv2_domain_name`) must name a policy, so one that is unknown is not judged. The default `execute-api` endpoint's TLS, and a REST API's own `security_policy`, are not judged.",
  },
  check(context) {
    context.forEachResource("aws_api_gateway_domain_name", (domain) => {
      const policy = domain.attribute("security_policy");
      if (!policy || policy.value === null)
        return context.report({
          node: domain,
          messageId: "defaultTls10",
          data: { resource: domain.address },
          resource: domain,
          conditional: CREATED_WITH_OLD_DEFAULT,
        });
      judgePolicy(context, domain, policy);
    });
    context.forEachResource("aws_apigatewayv2_domain_name", (domain) => {
      for (const configuration of domain.blocksOfType("domain_name_configuration")) {
        const policy = configuration.attribute("security_policy");
        if (!policy) context.unknown(domain, "security_policy not known");
        else judgePolicy(context, domain, policy);
      }
    });
  },
});

/** A named policy: reported when it accepts TLS below 1.2, unknown when AWS does not list it. */
function judgePolicy(context: RuleContext<MessageId>, domain: ResourceNode, policy: AttributeNode): void {
  if (isUnknown(policy.value) || typeof policy.value !== "string")
    return context.unknown(domain, "security_policy not known");
  const minimum = apiGatewayPolicyMinimumTls(policy.value);
  if (minimum === undefined) return context.unknown(domain, `security policy ${policy.value} not known`);
  if (!tlsBelow(minimum, "1.2")) return context.pass(domain);
  context.report({
    node: policy,
    messageId: "tls10",
    data: { resource: domain.address, policy: policy.value },
    resource: domain,
  });
}
