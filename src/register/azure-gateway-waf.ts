/**
 * What WAF an Azure Application Gateway runs, for the register. A policy may be attached to the
 * gateway, to a listener (per site) or to a path rule (per URI); the most specific one applies to
 * its traffic, so the gateway's own WAF says nothing of traffic whose listener or path has its own
 * (Microsoft Learn, web-application-firewall/ag/policy-overview).
 */
import type { Estate } from "../model/estate.js";
import type { BlockNode, ResourceNode } from "../model/nodes.js";
import { asBoolean, asString, isUnknown, type Value } from "../model/value.js";

/** How the register says a WAF whose mode cannot be told, and one switched off (which filters nothing). */
export const UNKNOWN_MODE = "WAF (whether it blocks is not known)";
export const DISABLED = "WAF disabled";
const DETECTION = "WAF in Detection mode (logs, does not block)";
const BLOCKING = "WAF";

/** The WAF policies in the scan a gateway names: its own, and those of its listeners and path rules. */
export function gatewayPolicies(estate: Estate, gateway: ResourceNode): ResourceNode[] {
  return [gateway.value("firewall_policy_id"), ...scopedPolicies(gateway).values].flatMap((value) =>
    estate.referencedResources(value).filter((policy) => policy.resourceType === WAF_POLICY),
  );
}

/**
 * The gateway's WAF: what applies to all its traffic (its own policy, else its inline
 * `waf_configuration`, else what its SKU tier says), weakened by what its listeners' and path
 * rules' own policies say; unknown when the policy or the tier cannot be told.
 */
export function gatewayWaf(estate: Estate, gateway: ResourceNode): string {
  const whole = wholeGatewayWaf(estate, gateway);
  // Policy associations need the WAF_v2 tier: without a WAF on the gateway there is none to scope.
  if (whole === "none" || whole === "unknown") return whole;
  const scoped = scopedPolicies(gateway);
  const states = scoped.values.flatMap((value) => scopedState(estate, value));
  if (scoped.hidden) states.push(UNKNOWN_MODE);
  const weakest = [whole, ...states].reduce((a, b) => (STRENGTH.indexOf(a) <= STRENGTH.indexOf(b) ? a : b));
  return weakest === whole ? whole : `${weakest} for some listeners or paths`;
}

const WAF_POLICY = "azurerm_web_application_firewall_policy";
/** WAF states from the one that protects least. */
const STRENGTH = [DISABLED, DETECTION, UNKNOWN_MODE, BLOCKING];

function wholeGatewayWaf(estate: Estate, gateway: ResourceNode): string {
  const policyId = gateway.value("firewall_policy_id");
  const policy = estate.referencedResources(policyId).find((candidate) => candidate.resourceType === WAF_POLICY);
  if (policy) return policyState(policy);
  // A policy id from a variable may be null: attached only when it names a policy.
  const attached = isUnknown(policyId) ? estate.referencedResources(policyId).length > 0 : !!policyId;
  if (attached) return BLOCKING;
  const inline = gateway.firstBlock("waf_configuration");
  if (inline) {
    // A policy from a variable replaces the inline configuration unless it is null: a WAF either way.
    if (isUnknown(policyId)) return UNKNOWN_MODE;
    return wafState(inline.value("enabled"), inline.value("firewall_mode"));
  }
  // The provider requires a tier: none in the code means a `dynamic "sku"` block, as IFL-WAF-005 reads it.
  const tier = gateway.firstBlock("sku")?.value("tier");
  if (asString(tier)?.startsWith("WAF")) return BLOCKING;
  return isUnknown(policyId) || isUnknown(tier) || tier === undefined ? "unknown" : "none";
}

/** What a listener's or path rule's policy makes of its traffic; nothing when it names none (null). */
function scopedState(estate: Estate, value: Value): string[] {
  if (value === null) return [];
  const policy = estate.referencedResources(value).find((candidate) => candidate.resourceType === WAF_POLICY);
  if (policy) return [policyState(policy)];
  // A policy outside the scan, or a variable that may be null: its mode is not known.
  return [UNKNOWN_MODE];
}

function policyState(policy: ResourceNode): string {
  const settings = policy.firstBlock("policy_settings");
  return wafState(settings?.value("enabled"), settings?.value("mode"));
}

/** A WAF's state from its enabled switch and mode; unset means the provider's defaults (enabled, Prevention). */
function wafState(enabled: Value | undefined, mode: Value | undefined): string {
  if (asBoolean(enabled) === false) return DISABLED;
  if (isUnknown(enabled) || isUnknown(mode)) return UNKNOWN_MODE;
  return asString(mode) === "Detection" ? DETECTION : BLOCKING;
}

/**
 * The `firewall_policy_id` values of a gateway's listeners and path rules, and whether `dynamic`
 * listeners or path maps whose content sets one may hide more.
 */
function scopedPolicies(gateway: ResourceNode): { values: Value[]; hidden: boolean } {
  const pathRules = gateway.blocksOfType("url_path_map").flatMap((map) => map.blocksOfType("path_rule"));
  const values = [...gateway.blocksOfType("http_listener"), ...pathRules].flatMap((block) => {
    const value = block.value("firewall_policy_id");
    return value === undefined ? [] : [value];
  });
  const dynamicBlocks = [
    ...gateway.blocksOfType("dynamic").filter((block) => ["http_listener", "url_path_map"].includes(block.labels[0])),
    ...gateway
      .blocksOfType("url_path_map")
      .flatMap((map) => map.blocksOfType("dynamic").filter((block) => block.labels[0] === "path_rule")),
  ];
  return { values, hidden: dynamicBlocks.some(setsPolicy) };
}

function setsPolicy(block: BlockNode): boolean {
  return block.attributes.has("firewall_policy_id") || block.blocks.some(setsPolicy);
}
