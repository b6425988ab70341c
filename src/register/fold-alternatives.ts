/**
 * One register row per service. A CDKTF construct made in alternative ways under one id (`if
 * (waf) return new X(this, "ag", {...}); return new X(this, "ag", cfg)`) is one address with a
 * resource per way: its rows become one, showing each way's value where they differ ("WAF or
 * none"), as the service is deployed one way or the other.
 */

/** The fields of a register row (build-register.ts's RegisterEntry) that folding reads. */
interface Row {
  resource: string;
  locations: string[];
  hosting: string;
  exposure: "internet-facing" | "private-only" | "internal by design" | "unknown";
  addressing: string;
  tls: string;
  waf: string;
  dnsNames: string[];
  privateDependencies: string[];
  nationalServices: string[];
  readiness: Readiness;
  findings: string[];
  planned: boolean;
  members: string[];
  dependsOn: string[];
}

type Readiness = "ready" | "not ready" | "unknown";

export function foldAlternatives<T extends Row>(rows: readonly T[]): T[] {
  const byResource = new Map<string, T[]>();
  for (const row of rows) byResource.set(row.resource, [...(byResource.get(row.resource) ?? []), row]);
  return [...byResource.values()].map((alternatives) =>
    alternatives.length === 1 ? alternatives[0] : fold(alternatives),
  );
}

function fold<T extends Row>(alternatives: T[]): T {
  const [first] = alternatives;
  const union = (pick: (row: T) => readonly string[]) => [...new Set(alternatives.flatMap(pick))];
  const either = (pick: (row: T) => string) => union((row) => [pick(row)]).join(" or ");
  const exposures = new Set(alternatives.map((row) => row.exposure));
  return {
    ...first,
    locations: union((row) => row.locations),
    hosting: either((row) => row.hosting),
    exposure: exposures.size === 1 ? first.exposure : "unknown",
    addressing: either((row) => row.addressing),
    tls: either((row) => row.tls),
    waf: either((row) => row.waf),
    dnsNames: union((row) => row.dnsNames),
    privateDependencies: union((row) => row.privateDependencies),
    nationalServices: union((row) => row.nationalServices),
    readiness: readinessOf(alternatives.map((row) => row.readiness)),
    findings: union((row) => row.findings).sort(),
    planned: alternatives.some((row) => row.planned),
    members: union((row) => row.members),
    dependsOn: union((row) => row.dependsOn),
  };
}

/** Not ready when one way is; unknown when one way cannot be told. */
function readinessOf(readiness: readonly Readiness[]): Readiness {
  return readiness.includes("not ready") ? "not ready" : readiness.includes("unknown") ? "unknown" : "ready";
}
