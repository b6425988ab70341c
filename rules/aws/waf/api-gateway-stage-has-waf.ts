import { defineRule } from "../../../src/engine/rule.js";
import { WAF_ASSOCIATION_TYPES, wafCoverage, wafVerdict } from "../../shared/aws-waf-associations.js";
import { coveredElsewhere } from "../../shared/untraceable-links.js";
import { restApiEndpoint } from "../../shared/aws-api-gateway.js";
import { bothConditions } from "../../shared/conditions.js";
import { domainNames, mutualTlsDomainsOnly } from "../../shared/api-gateway-mutual-tls.js";

/** A public REST API is as exposed as a website and needs the same boundary protection. */
export default defineRule({
  meta: {
    id: "IFL-WAF-003",
    name: "api-gateway-stage-has-waf",
    title: "Stages of public API Gateway REST APIs are protected by a web application firewall",
    severity: "error",
    category: "waf",
    guidance: ["IF-CYBER", "IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      "Integrating systems that called an API over HSCN will call it over the internet. A stage of an edge-optimised or regional REST API with no WAFv2 association accepts every request, including floods and injection attempts.",
    remediation:
      "Associate a WAFv2 web ACL (scope REGIONAL) with the stage: `resource_arn = aws_api_gateway_stage.live.arn` in an `aws_wafv2_web_acl_association`.",
    links: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html"],
    messages: {
      noWaf: "Stage {resource} of public REST API {api} has no web application firewall.",
      mutualTlsOnly:
        "Stage {resource} of REST API {api} is reachable only by clients holding a certificate from the truststore of {domains} (mutual TLS, the API's execute-api endpoint disabled), and has no web application firewall.",
    },
    resourceTypes: ["aws_api_gateway_stage", "aws_api_gateway_rest_api", ...WAF_ASSOCIATION_TYPES],
    limitations:
      "Stages whose REST API is not in the scan, or whose endpoint type is unknown, are not judged; PRIVATE-only APIs are skipped. An API without `endpoint_configuration` is EDGE (the provider default) unless its OpenAPI `body` carries `x-amazon-apigateway-endpoint-configuration` (then it is not judged). A body from `templatefile()` with values not known here is judged by its fixed text: the finding is conditional on the interpolated values adding no such extension, and definite when each of them is the ARN of a resource in the scan written where a value goes (`uri: ${read_arn}`), which cannot add a key. Protection is traced through `aws_wafv2_web_acl_association` resources (or the legacy `web_acl_arn`), including a stage ARN written out (`arn:aws:apigateway:<region>::/restapis/${aws_api_gateway_rest_api.x.id}/stages/live`), which names the stage by its API and name (a name not known, in the ARN or on a stage of that API, leaves the root module's stages unjudged); an association whose target cannot be traced (or one a `removed` block keeps) leaves unjudged the stages of its own root module; in a root with no stage of its own (managed, or handed over by a `removed` block), it makes the findings of the repository's other root modules conditional. Web ACLs attached by AWS Firewall Manager, or a CloudFront distribution with a WAF in front of an EDGE API, are not seen. A stage of an API whose execute-api endpoint is disabled and whose every custom domain (`aws_api_gateway_base_path_mapping`) requires mutual TLS can be called only by clients holding a certificate from the truststore, as AWS documents for restricting an API to mutual TLS: it is reported as a warning that says so, because anonymous clients cannot complete a request; a WAF is still expected for what certificate holders send.",
  },
  check(context) {
    const coverage = wafCoverage(context.estate, ["aws_api_gateway_stage"]);
    context.forEachResource("aws_api_gateway_stage", (stage) => {
      const apis = context.estate
        .referencedResources(stage.value("rest_api_id"))
        .filter((resource) => resource.resourceType === "aws_api_gateway_rest_api");
      if (!apis.length) return context.unknown(stage, "REST API not in the scan");
      const endpoint = restApiEndpoint(apis[0]);
      if (endpoint === undefined) return context.unknown(stage, "endpoint type not known");
      if (endpoint.types.length === 1 && endpoint.types[0] === "PRIVATE") return;
      const legacy = stage.value("web_acl_arn");
      if (typeof legacy === "string" && legacy !== "") return context.pass(stage);
      const verdict = wafVerdict(coverage, stage);
      if (verdict === "protected") return context.pass(stage);
      if (verdict === "unknown") return context.unknown(stage, "an association's target cannot be traced");
      const conditional = bothConditions(endpoint.condition, coveredElsewhere(coverage.reach(stage)));
      // Only certificate holders (a partner, the NHS API platform) can call it: still no WAF, as a warning.
      const mutualTls = mutualTlsDomainsOnly(context.estate, apis[0]);
      if (mutualTls)
        return context.report({
          node: stage,
          messageId: "mutualTlsOnly",
          data: { resource: stage.address, api: apis[0].address, domains: domainNames(mutualTls) },
          basis: [endpoint.body, apis[0].attribute("disable_execute_api_endpoint")],
          severity: "warning",
          related: mutualTls.map((domain) => ({
            node: domain,
            message: `custom domain ${domain.address}, which requires a client certificate`,
          })),
          conditional,
        });
      context.report({
        node: stage,
        messageId: "noWaf",
        data: { resource: stage.address, api: apis[0].address },
        // The OpenAPI body's trace shows where values interpolated into it come from.
        basis: [endpoint.body],
        conditional,
      });
    });
  },
});
