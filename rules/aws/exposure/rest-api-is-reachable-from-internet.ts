import { defineRule } from "../../../src/engine/rule.js";
import { restApiEndpoint } from "../../shared/aws-api-gateway.js";

/** A PRIVATE REST API answers only inside a VPC: integrating systems elsewhere cannot reach it. */
export default defineRule({
  meta: {
    id: "IFL-EXP-001",
    name: "rest-api-is-reachable-from-internet",
    title: "API Gateway REST APIs that serve other organisations are not PRIVATE endpoints",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-POLICY", "IF-C1-PRIVNET", "IF-C1-REGISTER"],
    rationale:
      "The Internet First policy expects services that present to users or integrating systems outside an internal network to be internet-facing. A REST API with endpoint type PRIVATE is reachable only through VPC endpoints, so partners reach it over private connectivity such as HSCN or a VPN.",
    remediation:
      "Use a REGIONAL (or EDGE) endpoint behind a WAF with authentication, or, if the API is internal by design, record it on the asset register and list it in `internalServices` with the reason.",
    links: [
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html",
      "https://digital.nhs.uk/services/internet-first/policy",
    ],
    messages: {
      privateApi:
        "REST API {resource} is a PRIVATE endpoint, reachable only from inside a VPC or over private connectivity.",
    },
    resourceTypes: ["aws_api_gateway_rest_api"],
    limitations:
      "The endpoint type is read from `endpoint_configuration.types` (the provider default is EDGE); an API without it whose OpenAPI `body` is unknown, carries `x-amazon-apigateway-endpoint-configuration`, or has values interpolated into it that are not known and could add that extension, is not judged. A PRIVATE API reached through a proxy or a load balancer that makes it public is not traced; list such APIs, and those internal by design, in `internalServices`.",
  },
  check(context) {
    context.forEachResource("aws_api_gateway_rest_api", (api) => {
      const endpoint = restApiEndpoint(api);
      // EDGE unless the body's unknown values add an endpoint extension: not judged either way.
      if (!endpoint || endpoint.condition) return context.unknown(api, "endpoint type not known");
      const types = endpoint.types;
      if (!types.includes("PRIVATE") || context.settings.isInternalService(api)) return context.pass(api);
      const configuration = api.firstBlock("endpoint_configuration");
      context.report({
        node: configuration?.attribute("types") ?? api,
        messageId: "privateApi",
        data: { resource: api.address },
        resource: api,
      });
    });
  },
});
