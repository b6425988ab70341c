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
import type { Estate } from "../model/estate.js";
import type { SourceFile } from "../source/source-file.js";

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
  if (!settings.privateEndpoints?.length) return false;
  const lower = text.toLowerCase();
  return settings.privateEndpoints.some((endpoint) => lower.includes(endpoint.host.toLowerCase().replace(/^\*\./, "")));
}

/**
 * Terraform functions and data sources that read files: what they read is not among a root's texts.
 * `fileexists` answers true or false, which names no host.
 */
const READS_FILES =
  /\b(?:file|filebase64|templatefile|fileset|filemd5|filesha1|filesha256|filesha512|filebase64sha256|filebase64sha512)\s*\(|\blocal_(?:sensitive_)?file\b/;

/**
 * Which root modules may give some value a catalogued host or a private endpoint, decided from
 * text alone, without evaluating anything: a value can only hold a host whose domain (`nhs.uk`,
 * or the endpoint's own) is written in one piece in some text it is made of, and a Terraform
 * root's values are made of its texts (Estate.rootTexts). True (may) for a root whose texts are not
 * known, and for one whose files read other files. A domain assembled from pieces (`join(".", ["nhs",
 * "uk"])`, `"ncrs.nhs.${var.tld}"`) or written encoded (base64, `\u002e`) is not seen.
 */
export function rootsMayNameEndpoint(settings: EndpointSettings, estate: Estate): (root: string) => boolean {
  const byFile = new Map<SourceFile, boolean>();
  const byRoot = new Map<string, boolean>();
  const fileMay = (file: SourceFile): boolean => {
    let may = byFile.get(file);
    if (may === undefined) {
      may = mayNameEndpoint(settings, file.text) || READS_FILES.test(file.text);
      byFile.set(file, may);
    }
    return may;
  };
  return (root) => {
    let may = byRoot.get(root);
    if (may === undefined) {
      const texts = estate.rootTexts.get(root);
      may = !texts || texts.strings.some((text) => mayNameEndpoint(settings, text)) || texts.files.some(fileMay);
      byRoot.set(root, may);
    }
    return may;
  };
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
