/** API Gateway facts shared by rules. */
import type { Estate } from "../../src/model/estate.js";
import type { Report } from "../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../src/model/nodes.js";
import { isUnknown, Unknown } from "../../src/model/value.js";
import { ENDPOINT_EXTENSION, endpointExtensionIn } from "./openapi-body.js";

/** A REST API's endpoint types, and the condition they rest on when parts of its OpenAPI body are not known. */
export interface RestApiEndpoint {
  types: string[];
  /**
   * Set when the types hold only if values interpolated into the body (not known here) add no
   * endpoint configuration: findings that rest on the types are conditional on it.
   */
  condition?: NonNullable<Report<string>["conditional"]>;
  /** The body's unknown parts when they bear on the types (inert ones included), for traces. */
  body?: AttributeNode;
}

/**
 * A REST API's endpoint types: `endpoint_configuration.types`, else EDGE (the provider's default).
 * AWS documents no endpoint type in an OpenAPI body, but a body carrying the endpoint extension
 * (`vpcEndpointIds`, which only PRIVATE APIs take) says the API is set up elsewhere, so the types
 * are left undecided then; a body whose known text does not carry it leaves EDGE standing unless an
 * unknown interpolation could add it. Undefined when that cannot be told.
 */
export function restApiEndpoint(api: ResourceNode): RestApiEndpoint | undefined {
  const configuration = api.firstBlock("endpoint_configuration");
  if (configuration) {
    const types = configuration.value("types");
    if (isUnknown(types) || !Array.isArray(types) || !types.every((type) => typeof type === "string")) return undefined;
    return { types: types as string[] };
  }
  const body = api.attribute("body");
  const extension = endpointExtensionIn(body?.value);
  if (extension.kind === "absent") return { types: ["EDGE"] };
  if (extension.kind !== "unless") return undefined;
  if (extension.inert) return { types: ["EDGE"], body };
  const reasons = [...new Set(extension.unknowns.flatMap(unknownParts).map((unknown) => unknown.reason))];
  const named = reasons.slice(0, MAX_NAMED).map((reason) => capText(reason, 80));
  const more = reasons.length - named.length;
  if (more > 0) named.push(`${more} more`);
  return {
    types: ["EDGE"],
    body,
    condition: {
      reason: `holds unless a value interpolated into the OpenAPI body of ${api.address} (${named.join(", ")}) adds an ${ENDPOINT_EXTENSION} extension for a PRIVATE API`,
      related: body
        ? [{ node: body, message: `the OpenAPI body of ${api.address}: values interpolated into it are not known` }]
        : [],
    },
  };
}

/** The values not known inside an unknown: a template's unknown parts (an ARN built from an account id), else itself. */
function unknownParts(value: Unknown): Unknown[] {
  return value.known?.kind === "text"
    ? value.known.parts.flatMap((part) => (part instanceof Unknown ? unknownParts(part) : []))
    : [value];
}

/** Unknown values named in a condition; the rest are counted. */
const MAX_NAMED = 3;

/** A text cut to a length, with an ellipsis. */
function capText(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** How each kind of API is mapped to its custom domains. */
const DOMAIN_MAPPINGS: Record<string, { mapping: string; domain: string }> = {
  aws_apigatewayv2_api: { mapping: "aws_apigatewayv2_api_mapping", domain: "aws_apigatewayv2_domain_name" },
  aws_api_gateway_rest_api: { mapping: "aws_api_gateway_base_path_mapping", domain: "aws_api_gateway_domain_name" },
};

/**
 * The custom domains an API is mapped to: an HTTP or WebSocket API's (aws_apigatewayv2_domain_name)
 * through aws_apigatewayv2_api_mapping, a REST API's (aws_api_gateway_domain_name) through
 * aws_api_gateway_base_path_mapping; `untraceable` when a mapping's API or domain cannot be traced.
 */
export function mappedDomains(estate: Estate, api: ResourceNode): { domains: ResourceNode[]; untraceable: boolean } {
  const domains = new Set<ResourceNode>();
  let untraceable = false;
  const kinds = DOMAIN_MAPPINGS[api.resourceType];
  if (!kinds) return { domains: [], untraceable };
  const domainResources = estate.resourcesOfType(kinds.domain);
  for (const mapping of estate.resourcesOfType(kinds.mapping)) {
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
        : estate.referencedResources(domainName).filter((resource) => resource.resourceType === kinds.domain);
    if (!targets.length) untraceable = true;
    for (const domain of targets) domains.add(domain);
  }
  return { domains: [...domains], untraceable };
}
