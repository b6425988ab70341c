/**
 * The implementation plan starter (guidance step 3): for each service that is not ready, the
 * changes that make it ready, in the order they build on each other, with the findings behind
 * each, its guidance and the files to change. Findings tied to no single service (circuits, NAT,
 * zones) form an estate-wide group.
 */
import type { Finding } from "../engine/finding.js";
import type { RegisterEntry } from "./build-register.js";

export interface PlanStep {
  order: number;
  change: string;
  guidance: string[];
  findings: { ruleId: string; location: string; message: string }[];
  files: string[];
}

export interface PlanGroup {
  /** The service, or "Estate-wide" for findings tied to no single service. */
  service: string;
  resource?: string;
  /** Services to change first (a DNS name comes after the service it points at). */
  dependsOn: string[];
  steps: PlanStep[];
}

/** Exposure findings that say a service is reachable only from private networks: the fix is to publish it. */
const UNREACHABLE_FROM_INTERNET = new Set(["IFL-EXP-001", "IFL-EXP-004", "IFL-EXP-005", "IFL-EXP-010", "IFL-EXP-013"]);

/** The order matters: TLS and a WAF only help once the service is reachable; capacity comes last. */
const STEPS: { change: string; matches: (finding: Finding) => boolean }[] = [
  {
    change: "Publish the service on public addresses and public DNS names",
    matches: (finding) =>
      finding.category === "private-addressing" ||
      UNREACHABLE_FROM_INTERNET.has(finding.ruleId) ||
      finding.category === "dns",
  },
  { change: "Enforce TLS 1.2 or later and redirect HTTP to HTTPS", matches: (finding) => finding.category === "tls" },
  {
    change: "Put a web application firewall in front of the service",
    matches: (finding) => finding.category === "waf",
  },
  {
    change: "Remove the dependency on private-network connectivity",
    matches: (finding) => finding.category === "exposure",
  },
  {
    change: "Size internet capacity to replace the private circuit",
    matches: (finding) => finding.category === "bandwidth",
  },
];

export function buildPlan(entries: readonly RegisterEntry[], findings: readonly Finding[]): PlanGroup[] {
  const open = findings.filter(
    (finding) =>
      !finding.suppressed &&
      finding.category !== "parse-error" &&
      finding.category !== "incomplete" &&
      finding.category !== "internal-error" &&
      finding.category !== "suppression" &&
      finding.severity !== "note",
  );
  const claimed = new Set<Finding>();
  const groups: PlanGroup[] = [];
  for (const entry of dependencyOrder(entries)) {
    if (entry.readiness !== "not ready") continue;
    const mine = open.filter((finding) => entry.findings.includes(finding.ruleId) && belongsTo(finding, entry));
    mine.forEach((finding) => claimed.add(finding));
    groups.push({ service: entry.service, resource: entry.resource, dependsOn: entry.dependsOn, steps: steps(mine) });
  }
  const rest = open.filter((finding) => !claimed.has(finding));
  if (rest.length) groups.push({ service: "Estate-wide", dependsOn: [], steps: steps(rest) });
  return groups;
}

/** Services before the names and services that depend on them; otherwise in register order. */
function dependencyOrder(entries: readonly RegisterEntry[]): RegisterEntry[] {
  const byResource = new Map(entries.map((entry) => [entry.resource, entry]));
  const ordered: RegisterEntry[] = [];
  const placed = new Set<RegisterEntry>();
  const place = (entry: RegisterEntry, depth: number): void => {
    if (placed.has(entry) || depth > entries.length) return;
    for (const dependency of entry.dependsOn) {
      const target = byResource.get(dependency);
      if (target) place(target, depth + 1);
    }
    placed.add(entry);
    ordered.push(entry);
  };
  entries.forEach((entry) => place(entry, 0));
  return ordered;
}

/** A finding belongs to a service when it is about one of its resources in the same root, or (zone files) one of its lines. */
function belongsTo(finding: Finding, entry: RegisterEntry): boolean {
  if (entry.kind === "DNS name (zone file)")
    return entry.locations.includes(`${finding.range.file.path}:${finding.range.start.line}`);
  return (
    finding.resource !== undefined &&
    entry.members.includes(finding.resource) &&
    (!finding.root || finding.root === entry.root)
  );
}

/** Each finding goes to the first step it calls for. */
function steps(findings: readonly Finding[]): PlanStep[] {
  const result: PlanStep[] = [];
  const stepOf = new Map(findings.map((finding) => [finding, STEPS.findIndex((step) => step.matches(finding))]));
  STEPS.forEach((step, index) => {
    const matching = findings.filter((finding) => stepOf.get(finding) === index);
    if (!matching.length) return;
    result.push({
      order: index + 1,
      change: step.change,
      guidance: [...new Set(matching.flatMap((finding) => finding.guidance))].sort(),
      findings: matching.map((finding) => ({
        ruleId: finding.ruleId,
        location: `${finding.range.file.path}:${finding.range.start.line}`,
        message: finding.message,
      })),
      files: [...new Set(matching.map((finding) => finding.range.file.path))].sort(),
    });
  });
  return result;
}
