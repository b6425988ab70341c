/** The rule registry: every rule iflint ships, in id order. */
import type { Rule } from "../src/engine/rule.js";
import lbListenerRedirectsHttp from "./tls/lb-listener-redirects-http.js";

export const allRules: readonly Rule[] = [
  lbListenerRedirectsHttp,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)) as Rule[];

export function findRule(idOrName: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === idOrName || rule.meta.name === idOrName);
}
