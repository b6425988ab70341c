import { defineRule } from "../../../src/engine/rule.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";
import { mappedDomains } from "../../shared/aws-api-gateway.js";
import { domainNames, mutualTlsDomainsOnly } from "../../shared/api-gateway-mutual-tls.js";
import { cloudfrontOrigins, frontedElsewhere, originVerdict } from "../../shared/aws-cloudfront.js";

/** AWS WAF cannot be associated with API Gateway HTTP APIs: their only WAF is a CloudFront distribution in front. */
export default defineRule({
  meta: {
    id: "IFL-WAF-009",
    name: "http-api-is-behind-cloudfront",
    title:
      "API Gateway HTTP APIs are reached only through CloudFront, where a web application firewall can inspect them",
    severity: "error",
    category: "waf",
    guidance: ["IF-CYBER", "IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      'An API Gateway HTTP API (`aws_apigatewayv2_api` with `protocol_type = "HTTP"`) is always on the internet, and AWS WAF cannot be associated with it. Its boundary protection has to come from a CloudFront distribution with a web ACL in front, and only if clients cannot go around it: the default `execute-api` endpoint and any custom domain mapped to the API answer directly unless they are disabled or are themselves the distribution\'s origin.',
    remediation:
      "Put a CloudFront distribution with `web_acl_id` in front of the API (origin: the API's custom domain or endpoint), set `disable_execute_api_endpoint = true` on the API, and serve custom domains only through the distribution. Alternatively, use a REST API stage or an Application Load Balancer, which WAF can protect directly.",
    links: [
      "https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html",
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html",
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html",
    ],
    messages: {
      noCloudfront:
        "HTTP API {resource} is reachable from the internet with no web application firewall: WAF cannot be attached to HTTP APIs, and no CloudFront distribution in the scan fronts it.",
      mutualTlsOnly:
        "HTTP API {resource} is reachable only by clients holding a certificate from the truststore of {domains} (mutual TLS, its execute-api endpoint disabled), with no web application firewall: WAF cannot be attached to HTTP APIs, and no CloudFront distribution in the scan fronts it.",
      executeApiOpen:
        "HTTP API {resource} is fronted by CloudFront, but its default execute-api endpoint is enabled, so clients can go around CloudFront and its web application firewall.",
      domainOpen:
        "HTTP API {resource} is also served on custom domain {domain}, which no CloudFront distribution fronts, so clients can go around CloudFront and its web application firewall.",
    },
    resourceTypes: [
      "aws_apigatewayv2_api",
      "aws_apigatewayv2_api_mapping",
      "aws_apigatewayv2_domain_name",
      "aws_cloudfront_distribution",
    ],
    limitations:
      "Distributions and domain mappings in other Terraform root modules, and firewalls outside AWS, are not visible; a distribution whose origin cannot be traced leaves the APIs of its root module unjudged and makes the findings of the repository's other root modules conditional. Whether the distribution itself has a web ACL is checked by IFL-WAF-002. An API listed in `internalServices` is not reported. An API whose execute-api endpoint is disabled and whose every custom domain requires mutual TLS (`mutual_tls_authentication` with a truststore) can be called only by clients holding a certificate from that truststore, as AWS documents for restricting an API to mutual TLS: it is reported as a warning that says so, not as an API open to the internet, because anonymous clients cannot complete a request; a WAF is still expected for what certificate holders send (floods, injection from a compromised or misbehaving partner).",
  },
  check(context) {
    const estate = context.estate;
    const origins = cloudfrontOrigins(estate);
    context.forEachResource("aws_apigatewayv2_api", (api) => {
      const protocol = api.value("protocol_type");
      if (isUnknown(protocol)) return context.unknown(api, "protocol_type not known");
      if (asString(protocol)?.toUpperCase() !== "HTTP") return;
      if (context.settings.isInternalService(api)) return context.pass(api);
      const mapped = mappedDomains(estate, api);
      const names = (domain: ResourceNode) => asString(domain.value("domain_name"))?.toLowerCase();
      const frontsDomain = (domain: ResourceNode) =>
        originVerdict(origins, [domain], (origin) => origin === names(domain)) === "origin";
      const verdict = originVerdict(
        origins,
        [api, ...mapped.domains],
        (origin) => mapped.domains.some((domain) => origin === names(domain)),
        api,
      );
      // An origin written as an execute-api host name may be this API, whose id is known only after apply.
      const literalApiOrigin = origins.domains.some((origin) => origin.includes(".execute-api."));
      if (
        verdict === "unknown" ||
        (verdict === "not-origin" && (literalApiOrigin || (mapped.untraceable && origins.domains.length > 0)))
      )
        return context.unknown(api, "a CloudFront origin cannot be traced");
      const basis = [api.attribute("protocol_type"), api.attribute("disable_execute_api_endpoint")];
      // Only certificate holders (a partner, the NHS API platform) can call it: still no WAF, as a warning.
      const mutualTls = verdict === "not-origin" ? mutualTlsDomainsOnly(estate, api) : undefined;
      if (mutualTls)
        return context.report({
          node: api,
          messageId: "mutualTlsOnly",
          data: { resource: api.address, domains: domainNames(mutualTls) },
          basis,
          severity: "warning",
          related: mutualTls.map((domain) => ({
            node: domain,
            message: `custom domain ${domain.address}, which requires a client certificate`,
          })),
          conditional: frontedElsewhere(origins, api),
        });
      if (verdict === "not-origin")
        return context.report({
          node: api,
          messageId: "noCloudfront",
          data: { resource: api.address },
          basis,
          conditional: frontedElsewhere(origins, api),
        });

      let compliant = true;
      const disable = api.attribute("disable_execute_api_endpoint");
      if (disable && isUnknown(disable.value)) {
        compliant = false;
        context.unknown(api, "disable_execute_api_endpoint not known");
      } else if (asBoolean(disable?.value) !== true) {
        compliant = false;
        context.report({
          node: disable ?? api,
          messageId: "executeApiOpen",
          data: { resource: api.address },
          resource: api,
          basis,
        });
      }
      for (const domain of mapped.domains.filter((candidate) => !frontsDomain(candidate))) {
        compliant = false;
        context.report({
          node: api,
          messageId: "domainOpen",
          data: { resource: api.address, domain: names(domain) ?? domain.address },
          related: [{ node: domain, message: `custom domain ${domain.address}` }],
        });
      }
      if (mapped.untraceable) context.unknown(api, "an API mapping cannot be traced");
      else if (compliant) context.pass(api);
    });
  },
});
