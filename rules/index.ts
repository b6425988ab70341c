/** The rule registry: every rule iflint ships, in id order. */
import type { Rule } from "../src/engine/rule.js";
import lbListenerRedirectsHttp from "./tls/lb-listener-redirects-http.js";
import zoneTargetsResolvePublicly from "./dns/zone-targets-resolve-publicly.js";
import zoneApexHasCaa from "./dns/zone-apex-has-caa.js";
import zoneNamesHaveIpv6 from "./dns/zone-names-have-ipv6.js";

export const allRules: readonly Rule[] = [
  lbListenerRedirectsHttp,
  zoneTargetsResolvePublicly,
  zoneApexHasCaa,
  zoneNamesHaveIpv6,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)) as Rule[];

export function findRule(idOrName: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === idOrName || rule.meta.name === idOrName);
}
