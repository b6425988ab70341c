/**
 * APIs only clients with a certificate can call. AWS: "To ensure that clients can access your API
 * only by using a custom domain name with mutual TLS, disable the default execute-api endpoint"
 * (API Gateway developer guide, rest-api-mutual-tls and http-api-mutual-tls). With the endpoint
 * disabled and every custom domain requiring mutual TLS, a client without a certificate that chains
 * to a domain's truststore cannot complete the TLS handshake, so no request reaches the API.
 */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { asBoolean } from "../../src/model/value.js";
import { mappedDomains } from "./aws-api-gateway.js";

/**
 * The custom domains of an API reachable only through them, each requiring mutual TLS; undefined
 * when the default endpoint is not disabled for certain, when no domain is mapped, when a mapping
 * cannot be traced, or when some domain takes clients without a certificate.
 */
export function mutualTlsDomainsOnly(estate: Estate, api: ResourceNode): ResourceNode[] | undefined {
  if (asBoolean(api.value("disable_execute_api_endpoint")) !== true) return undefined;
  const mapped = mappedDomains(estate, api);
  if (mapped.untraceable || !mapped.domains.length) return undefined;
  // The truststore is required by the block: whatever its value, the domain asks for a certificate.
  const requiresCertificate = (domain: ResourceNode) =>
    domain.blocksOfType("mutual_tls_authentication").some((block) => block.attribute("truststore_uri"));
  return mapped.domains.every(requiresCertificate) ? mapped.domains : undefined;
}

/** The domains' names for a message: `a.example.nhs.uk and b.example.nhs.uk`. */
export function domainNames(domains: readonly ResourceNode[]): string {
  const names = domains.map((domain) => {
    const name = domain.value("domain_name");
    return typeof name === "string" ? name : domain.address;
  });
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
}
