import { defineRule } from "../../../src/engine/rule.js";
import { isUnknown } from "../../../src/model/value.js";

/** API Gateway custom domains default to the TLS_1_0 policy. */
export default defineRule({
  meta: {
    id: "IFL-TLS-005",
    name: "api-gateway-domain-uses-tls12",
    title: "API Gateway custom domains use the TLS_1_2 security policy",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "GDS-HTTPS", "NHS-CLOUD-DATA"],
    rationale:
      "APIs that integrating systems used over the private network become internet-facing under Internet First. An API Gateway custom domain with the TLS_1_0 policy, which is also the default when `security_policy` is not set, accepts TLS 1.0 and 1.1.",
    remediation:
      'Set `security_policy = "TLS_1_2"` on `aws_api_gateway_domain_name`, and in `domain_name_configuration` of `aws_apigatewayv2_domain_name`.',
    links: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html"],
    messages: {
      tls10: "Custom domain {resource} uses the TLS_1_0 security policy, which allows TLS 1.0 and 1.1.",
      defaultTls10:
        "Custom domain {resource} sets no security_policy, so API Gateway applies TLS_1_0, which allows TLS 1.0 and 1.1.",
    },
    resourceTypes: ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"],
    limitations:
      "REST API custom domains without `security_policy` are reported: the API Gateway default for them is TLS_1_0. HTTP/WebSocket API domains (`aws_apigatewayv2_domain_name`) must name a policy, so one that is unknown is not judged. The default `execute-api` endpoint's TLS cannot be configured and is not judged.",
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
        });
      if (isUnknown(policy.value)) return context.unknown(domain, "security_policy not known");
      if (policy.value === "TLS_1_0")
        context.report({ node: policy, messageId: "tls10", data: { resource: domain.address }, resource: domain });
      else context.pass(domain);
    });
    context.forEachResource("aws_apigatewayv2_domain_name", (domain) => {
      for (const configuration of domain.blocksOfType("domain_name_configuration")) {
        const policy = configuration.attribute("security_policy");
        if (!policy || isUnknown(policy.value)) {
          context.unknown(domain, "security_policy not known");
          continue;
        }
        if (policy.value === "TLS_1_0")
          context.report({ node: policy, messageId: "tls10", data: { resource: domain.address }, resource: domain });
        else context.pass(domain);
      }
    });
  },
});
