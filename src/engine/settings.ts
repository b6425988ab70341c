/** What rules may know of the configuration (RuleSettings), made once from it for scan and reports alike. */
import type { IflintConfig, CapacityEntry } from "./config.js";
import { matchesGlob } from "./glob.js";
import type { RuleSettings } from "./rule.js";

export function ruleSettings(config: IflintConfig): RuleSettings {
  const matches = (resource: { address: string; baseAddress: string }, pattern: string) =>
    matchesGlob(resource.address, pattern) || matchesGlob(resource.baseAddress, pattern);
  const internal = config.internalServices ?? [];
  const capacity = config.capacity ?? [];
  return {
    allowedCidrs: (config.allowedCidrs ?? []).map((entry) => entry.cidr),
    privateNetworkRanges: (config.privateNetworkRanges ?? []).map((entry) => entry.cidr),
    isInternalService: (resource) => internal.some((entry) => matches(resource, entry.resource)),
    capacityOf: (resource) => declaredPeak(capacity.find((entry) => matches(resource, entry.resource))),
    privateEndpoints: config.privateEndpoints ?? [],
    nationalServicesOff: Object.entries(config.nationalServices ?? {})
      .filter(([, state]) => state === "off")
      .map(([host]) => host),
  };
}

/** A service's declared peak: Mbit/s given, or users × kbit/s per user; requests per second for APIs. */
function declaredPeak(
  entry: CapacityEntry | undefined,
): { peakMbps?: number; peakRequestsPerSecond?: number; basis: string } | undefined {
  if (!entry) return undefined;
  const fromUsers =
    entry.users !== undefined && entry.kbpsPerUser !== undefined ? (entry.users * entry.kbpsPerUser) / 1000 : undefined;
  const peakMbps = entry.peakMbps ?? fromUsers;
  const basis =
    entry.peakMbps !== undefined
      ? `${entry.peakMbps} Mbit/s declared`
      : fromUsers !== undefined
        ? `${entry.users} users × ${entry.kbpsPerUser} kbit/s`
        : `${entry.peakRequestsPerSecond} requests/s declared`;
  return { peakMbps, peakRequestsPerSecond: entry.peakRequestsPerSecond, basis };
}
