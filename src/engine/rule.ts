/**
 * What a rule is: metadata as data, and a check that reads the model and reports nodes. Rules
 * never read files, parse, or compute positions; the engine does.
 */
import type { Estate } from "../model/estate.js";
import type { AttributeNode, ResourceNode, ValuePath } from "../model/nodes.js";
import type { ModelNode } from "../model/model-node.js";
import type { DnsZone } from "../model/dns.js";

export type Severity = "error" | "warning" | "note";
export type RuleCategory = "private-addressing" | "tls" | "waf" | "bandwidth" | "dns" | "exposure";
export type FindingCategory = RuleCategory | "parse-error" | "incomplete" | "internal-error" | "suppression";

export interface RuleMeta<MessageId extends string = string> {
  /** Stable id, never reused: `IFL-TLS-001`. */
  id: string;
  /** kebab-case name after the compliant state: `lb-listener-redirects-http`. */
  name: string;
  title: string;
  severity: Severity;
  category: RuleCategory;
  /** Guidance section ids from data/guidance-sections.json. */
  guidance: string[];
  rationale: string;
  remediation: string;
  links: string[];
  /** Message templates with `{placeholders}`, keyed by message id. */
  messages: Record<MessageId, string>;
  /** Resource types the rule reads, for docs and for skipping rules with nothing to check. */
  resourceTypes?: string[];
  /** What the rule cannot see from code, for the doc page. */
  limitations?: string;
}

export interface Report<MessageId extends string> {
  node: ModelNode;
  /** A path into an attribute's value (a list item) or a record's data field. */
  path?: ValuePath;
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** The resource the finding is about, when `node` is inside one. */
  resource?: ResourceNode;
  /** Other places that explain the finding (the zone a record is in, the listener's load balancer). */
  related?: { node: ModelNode; message: string }[];
  /** This finding's severity when it differs from the rule's (a note where the rule is less sure); configuration still overrides it. */
  severity?: Severity;
  /** Attributes the verdict rests on, when `node` is not one: their traces and certainty are the finding's. */
  basis?: (AttributeNode | undefined)[];
  /**
   * The finding holds only if something iflint cannot trace (a link in another root module) does not
   * change it: certainty "conditional", with the reason, and related locations at what might.
   */
  conditional?: { reason: string; related: { node: ModelNode; message: string }[] };
}

/** What configuration tells rules about the organisation. */
export interface RuleSettings {
  /** Approved ranges (the organisation's own public ranges, private ranges of internal services). */
  allowedCidrs: readonly string[];
  /** Ranges of the organisation's private network (e.g. its HSCN allocation): `privateNetworkRanges`. */
  privateNetworkRanges: readonly string[];
  /** True when configuration lists the resource as internal by design (`internalServices`). */
  isInternalService(resource: ResourceNode): boolean;
  /** The peak the configuration declares for a service (`capacity`), if any. */
  capacityOf(resource: ResourceNode): { peakMbps?: number; peakRequestsPerSecond?: number; basis: string } | undefined;
  /** The organisation's own private-only endpoints (`privateEndpoints`): host names or `*.` patterns, with why. */
  privateEndpoints?: readonly { host: string; reason: string }[];
  /** National service hosts or catalogue patterns the estate has already moved off (`nationalServices: { host: "off" }`). */
  nationalServicesOff?: readonly string[];
}

export interface RuleContext<MessageId extends string = string> {
  readonly estate: Estate;
  readonly settings: RuleSettings;
  report(report: Report<MessageId>): void;
  /** The node was checked and is compliant. */
  pass(node: ModelNode): void;
  /** The node could not be checked because a value it depends on is unknown. */
  unknown(node: ModelNode, reason?: string): void;
  /**
   * Runs `check` for each managed resource of the types, isolating failures: a resource the check
   * throws on becomes an internal-error finding and the rule goes on with the next one.
   */
  forEachResource(types: string | readonly string[], check: (resource: ResourceNode) => void): void;
  /** Runs `check` for each public DNS zone (zones configured as private are skipped), isolating failures. */
  forEachPublicZone(check: (zone: DnsZone) => void): void;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  check(context: RuleContext<MessageId>): void;
}

/** Declares a rule with its message ids checked against its reports. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

// Rules read the national service catalogue through the rule API, like the model.
export {
  hostsInText,
  mayNameNationalEndpoint,
  nationalEndpointFor,
  nationalEndpoints,
  type NationalEndpoint,
} from "./national-endpoints.js";
// ...as the configuration amends it: the organisation's own private endpoints, hosts already moved.
export { endpointFor, mayNameEndpoint, rootsMayNameEndpoint, type EndpointSettings } from "./configured-endpoints.js";
// Documents held as text (an OpenAPI body), decoded, with the engine finding where members were written.
export { textDocument, UNKNOWN_IN_DOCUMENT, type TextDocument } from "./text-documents.js";
