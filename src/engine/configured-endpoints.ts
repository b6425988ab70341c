/**
 * The national service catalogue as this estate's configuration amends it: the organisation's own
 * private endpoints (`privateEndpoints`) are decided like HSCN-only hosts, and hosts it has already
 * moved (`nationalServices: { host: "off" }`) count as reached over the internet.
 */
import {
  mayNameNationalEndpoint,
  nationalEndpointFor,
  nationalEndpoints,
  type NationalEndpoint,
} from "./national-endpoints.js";

export interface EndpointSettings {
  privateEndpoints?: readonly { host: string; reason: string }[];
  nationalServicesOff?: readonly string[];
}

/** How the service of a configured private endpoint is named in findings, the register and the plan. */
export const PRIVATE_ENDPOINT_SERVICE = "the organisation's private endpoint";

/** True when a host is the pattern's host, or (for `*.domain`) any host under the domain; whole labels, any case. */
export function hostMatchesPattern(host: string, pattern: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  const wanted = pattern.toLowerCase().replace(/\.$/, "");
  return wanted.startsWith("*.") ? name.endsWith(wanted.slice(1)) : name === wanted;
}

/** The entry that decides a host for this estate: its own private endpoints first, then the catalogue. */
export function endpointFor(settings: EndpointSettings, host: string): NationalEndpoint | undefined {
  // The organisation's own word on its endpoints outranks the catalogue.
  const own = settings.privateEndpoints?.find((endpoint) => hostMatchesPattern(host, endpoint.host));
  if (own)
    return {
      service: `${PRIVATE_ENDPOINT_SERVICE}: ${own.reason}`,
      hostPattern: own.host,
      environment: "",
      transport: "",
      network: "hscn-only",
      internetAlternative: null,
      sources: ["iflint configuration (privateEndpoints)"],
      confidence: "stated by the source",
    };
  const entry = nationalEndpointFor(host);
  if (!entry) return undefined;
  const moved = settings.nationalServicesOff?.some(
    (off) => hostMatchesPattern(host, off) || off.toLowerCase() === entry.hostPattern.toLowerCase(),
  );
  return moved ? { ...entry, network: "internet" } : entry;
}

/** False when a text cannot name a catalogued host nor one of the organisation's private endpoints. */
export function mayNameEndpoint(settings: EndpointSettings, text: string): boolean {
  if (mayNameNationalEndpoint(text)) return true;
  const lower = text.toLowerCase();
  return (settings.privateEndpoints ?? []).some((endpoint) =>
    lower.includes(endpoint.host.toLowerCase().replace(/^\*\./, "")),
  );
}

/**
 * The names `nationalServices` accepts, as the configuration schema says them (a test keeps
 * schema/iflint.config.schema.json equal to this): a catalogue host or pattern, or a host under a
 * catalogue pattern, in lower case. A name the catalogue does not know is an error, so a typo
 * cannot silently switch nothing off.
 */
export function nationalServiceNamesSchema(): object {
  const entries = nationalEndpoints();
  const domains = [
    ...new Set(
      entries
        .filter((entry) => entry.hostPattern.startsWith("*."))
        .map((entry) => entry.hostPattern.slice(2).toLowerCase()),
    ),
  ].sort();
  const escaped = domains.map((domain) => domain.replace(/[.]/g, "\\."));
  return {
    description:
      "A host or pattern of the national service catalogue (docs/national-services.md), or a host under one of its patterns, in lower case.",
    anyOf: [
      { enum: [...new Set(entries.map((entry) => entry.hostPattern.toLowerCase()))].sort() },
      { pattern: `^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+(${escaped.join("|")})$` },
    ],
  };
}
