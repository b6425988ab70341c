/** API Gateway facts shared by rules. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { isUnknown } from "../../src/model/value.js";

/**
 * A REST API's endpoint types; EDGE when no endpoint_configuration is given (the provider default),
 * unless an OpenAPI `body` carries its own endpoint configuration, which this does not read.
 */
export function endpointTypes(api: ResourceNode): string[] | undefined {
  const configuration = api.firstBlock("endpoint_configuration");
  if (!configuration) {
    const body = api.value("body");
    if (isUnknown(body) || JSON.stringify(body ?? null).includes("x-amazon-apigateway-endpoint-configuration"))
      return undefined;
    return ["EDGE"];
  }
  const types = configuration.value("types");
  if (isUnknown(types) || !Array.isArray(types) || !types.every((type) => typeof type === "string")) return undefined;
  return types as string[];
}

/**
 * The custom domains (aws_apigatewayv2_domain_name) an API Gateway v2 API is mapped to through
 * aws_apigatewayv2_api_mapping; `untraceable` when a mapping's API or domain cannot be traced.
 */
export function mappedDomains(estate: Estate, api: ResourceNode): { domains: ResourceNode[]; untraceable: boolean } {
  const domains = new Set<ResourceNode>();
  let untraceable = false;
  const domainResources = estate.resourcesOfType("aws_apigatewayv2_domain_name");
  for (const mapping of estate.resourcesOfType("aws_apigatewayv2_api_mapping")) {
    const apiId = mapping.value("api_id");
    if (!estate.refersTo(apiId, api)) {
      // A literal id is an API outside the scan; an untraceable one may be this API.
      if (isUnknown(apiId) && !estate.referencedResources(apiId).length) untraceable = true;
      continue;
    }
    const domainName = mapping.value("domain_name");
    const targets =
      typeof domainName === "string"
        ? domainResources.filter((domain) => domain.value("domain_name") === domainName)
        : estate
            .referencedResources(domainName)
            .filter((resource) => resource.resourceType === "aws_apigatewayv2_domain_name");
    if (!targets.length) untraceable = true;
    for (const domain of targets) domains.add(domain);
  }
  return { domains: [...domains], untraceable };
}
