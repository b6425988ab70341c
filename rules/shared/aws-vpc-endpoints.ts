/**
 * What an Interface VPC endpoint connects to. An AWS service's endpoint
 * (`com.amazonaws.<region>.<service>`) keeps traffic to AWS off the internet; an endpoint of
 * another account's endpoint service (PrivateLink, `com.amazonaws.vpce.<region>.vpce-svc-…`) is a
 * private connection to a system outside the estate — the shape HSCN access takes from AWS (a
 * national directory reached over HSCN through a partner's endpoint service).
 */
import type { Estate } from "../../src/model/estate.js";
import type { AttributeNode, ResourceNode } from "../../src/model/nodes.js";
import { asString, isUnknown, type Value } from "../../src/model/value.js";
import { UNKNOWN_PART } from "./value-strings.js";

export type EndpointTarget =
  /** Another account's endpoint service: `name` is the service name (with `…` for unknown parts). */
  | { kind: "endpoint-service"; name: string; attribute: AttributeNode }
  | { kind: "aws-service" }
  /** An Interface endpoint (or one of unknown type) whose service name is not known here. */
  | { kind: "unknown"; attribute?: AttributeNode }
  /** A Gateway endpoint (the default type: S3, DynamoDB) or a Gateway Load Balancer endpoint. */
  | { kind: "not-interface" };

const ENDPOINT_SERVICE = /^com\.amazonaws\.vpce\./;
/**
 * An AWS service name: a region and the service, either of them possibly an unknown part
 * (`com.amazonaws.${var.region}.${each.value}`; endpoint services were told apart first by
 * `com.amazonaws.vpce.`), or a name under `aws.`.
 */
const AWS_SERVICE = new RegExp(
  `^(?:cn\\.)?com\\.amazonaws\\.(?:[a-z0-9-]+|${UNKNOWN_PART})\\.(?:[a-z0-9]|${UNKNOWN_PART})|^aws\\.[a-z0-9]`,
);

/** What an `aws_vpc_endpoint` reaches, from its `vpc_endpoint_type` and `service_name`. */
export function endpointTarget(estate: Estate, endpoint: ResourceNode): EndpointTarget {
  const type = endpoint.value("vpc_endpoint_type");
  const attribute = endpoint.attribute("service_name");
  const name = serviceNameText(attribute?.value) ?? lookedUpServiceName(estate, attribute?.value);
  const service = name === undefined ? "unknown" : ENDPOINT_SERVICE.test(name) ? "endpoint-service" : "other";
  // Endpoint services are reached through Interface endpoints, whatever type the code leaves unknown.
  const interfaceType =
    asString(type)?.toLowerCase() === "interface" || (isUnknown(type) && service === "endpoint-service");
  if (!interfaceType) return isUnknown(type) && service === "unknown" ? { kind: "unknown", attribute } : NOT_INTERFACE;
  if (service === "endpoint-service" && attribute)
    return { kind: "endpoint-service", name: (name as string).replaceAll(UNKNOWN_PART, "…"), attribute };
  if (name !== undefined && AWS_SERVICE.test(name)) return AWS_SERVICE_TARGET;
  return { kind: "unknown", attribute };
}

/**
 * The service name an `aws_vpc_endpoint_service` data source looks up, when the endpoint's name is
 * its `service_name` (terraform-aws-modules/vpc's endpoints submodule): its `service` argument is
 * the common name of an AWS service (`ecr.api`), so the lookup finds that service's name; its own
 * `service_name` is read as the endpoint's would be. Undefined unless every data source it names says.
 */
function lookedUpServiceName(estate: Estate, value: Value | undefined): string | undefined {
  if (!isUnknown(value)) return undefined;
  const lookups = estate.referencedResources(value);
  if (!lookups.length || lookups.some((lookup) => lookup.resourceType !== "aws_vpc_endpoint_service")) return undefined;
  const names = lookups.map((lookup) => {
    const service = lookup.value("service");
    if (typeof service === "string" && service) return `com.amazonaws.${UNKNOWN_PART}.${service}`;
    return serviceNameText(lookup.value("service_name"));
  });
  if (names.some((name) => name === undefined)) return undefined;
  // One endpoint service among them is what the endpoint may reach.
  return names.find((name) => ENDPOINT_SERVICE.test(name as string)) ?? names[0];
}

/** A service name's text, with UNKNOWN_PART for each unknown part of a template; undefined when nothing is known. */
function serviceNameText(value: Value | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (!isUnknown(value) || value.known?.kind !== "text") return undefined;
  const text = value.known.parts.map((part) => (typeof part === "string" ? part : UNKNOWN_PART)).join("");
  // A template that fixes nothing before its first unknown part says nothing of the service.
  return text.startsWith(UNKNOWN_PART) ? undefined : text;
}

const NOT_INTERFACE: EndpointTarget = { kind: "not-interface" };
const AWS_SERVICE_TARGET: EndpointTarget = { kind: "aws-service" };
