/**
 * The implementation plan starter (guidance step 3): for each service that is not ready, the
 * changes that make it ready, numbered 1..n in the order they build on each other, with the
 * findings behind each, its guidance and the files to change. Services come most urgent first
 * (PLAN_ORDER says how); findings tied to no single service (circuits, NAT, zones) form an
 * estate-wide group at the end.
 */
import type { Finding } from "../engine/finding.js";
import type { Severity } from "../engine/rule.js";
import {
  dependencyChange,
  describeDependency,
  isNationalDependency,
  type NationalDependency,
} from "./national-dependencies.js";
import { openFindingsOf, type Exposure, type RegisterEntry, type RegisterSection } from "./build-register.js";

/** The one line at the top of a plan that says how it is ordered. */
export const PLAN_ORDER =
  "Services are ordered by the severity of their findings, then by how exposed they are (internet-facing errors first), then by how many findings they have; within each service the steps are numbered in the order they build on each other; estate-wide changes come last.";

export interface PlanStep {
  /** 1..n within the service. */
  order: number;
  change: string;
  /** For a step that moves one dependency on a national service (or a private endpoint): which. */
  dependency?: NationalDependency;
  guidance: string[];
  findings: { ruleId: string; location: string; message: string }[];
  files: string[];
}

export interface PlanGroup {
  /** The service, or "Estate-wide" for findings tied to no single service. */
  service: string;
  resource?: string;
  /** The most severe open finding and the service's exposure: what puts the group where it is. */
  severity?: Severity;
  exposure?: Exposure;
  section?: RegisterSection;
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
  const groups: { group: PlanGroup; entry: RegisterEntry; mine: Finding[] }[] = [];
  for (const entry of entries) {
    if (entry.readiness !== "not ready") continue;
    const mine = openFindingsOf(entry, open).filter((finding) => !claimed.has(finding));
    mine.forEach((finding) => claimed.add(finding));
    if (!mine.length) continue;
    const severity = mine.some((finding) => finding.severity === "error") ? "error" : "warning";
    groups.push({
      group: {
        service: entry.service,
        resource: entry.resource,
        severity,
        exposure: entry.exposure,
        section: entry.section,
        dependsOn: entry.dependsOn,
        steps: steps(mine),
      },
      entry,
      mine,
    });
  }
  groups.sort(compareUrgency);
  const rest = open.filter((finding) => !claimed.has(finding));
  const result = groups.map(({ group }) => group);
  if (rest.length) result.push({ service: "Estate-wide", dependsOn: [], steps: steps(rest) });
  return result;
}

const SEVERITY_RANK: Record<string, number> = { error: 2, warning: 1 };
const EXPOSURE_RANK: Record<Exposure, number> = {
  "internet-facing": 3,
  unknown: 2,
  "private-only": 1,
  "internal by design": 0,
};

/** Most urgent first: severity, then exposure, then findings at that severity, services before names. */
function compareUrgency(
  a: { group: PlanGroup; entry: RegisterEntry; mine: Finding[] },
  b: { group: PlanGroup; entry: RegisterEntry; mine: Finding[] },
): number {
  const key = ({ group, entry, mine }: typeof a) => [
    SEVERITY_RANK[group.severity ?? "warning"],
    EXPOSURE_RANK[entry.exposure],
    mine.filter((finding) => finding.severity === group.severity).length,
    entry.section === "service" ? 1 : 0,
  ];
  const [left, right] = [key(a), key(b)];
  const index = left.findIndex((value, position) => value !== right[position]);
  return index < 0 ? compareNames(a.entry, b.entry) : right[index] - left[index];
}

function compareNames(a: RegisterEntry, b: RegisterEntry): number {
  return a.service < b.service ? -1 : a.service > b.service ? 1 : a.resource < b.resource ? -1 : 1;
}

/** The step that moves services off private networks: dependencies on national services get a step each there. */
const PRIVATE_NETWORK_STEP = STEPS.findIndex((step) => step.change.startsWith("Remove the dependency"));

/** Each finding goes to the first step it calls for; each national-service dependency is a step of its own. */
function steps(findings: readonly Finding[]): PlanStep[] {
  const result: PlanStep[] = [];
  const add = (change: string, matching: readonly Finding[], dependency?: NationalDependency) =>
    result.push({
      order: result.length + 1,
      change,
      ...(dependency ? { dependency } : {}),
      guidance: [...new Set(matching.flatMap((finding) => finding.guidance))].sort(),
      findings: matching.map((finding) => ({
        ruleId: finding.ruleId,
        location: `${finding.range.file.path}:${finding.range.start.line}`,
        message: finding.message,
      })),
      files: [...new Set(matching.map((finding) => finding.range.file.path))].sort(),
    });
  const stepOf = new Map(findings.map((finding) => [finding, STEPS.findIndex((step) => step.matches(finding))]));
  STEPS.forEach((step, index) => {
    let matching = findings.filter((finding) => stepOf.get(finding) === index);
    if (index === PRIVATE_NETWORK_STEP) {
      // One step per host and the resource (or block) that names it, however often it is named there.
      const byDependency = new Map<string, Finding[]>();
      for (const finding of matching.filter(isNationalDependency)) {
        const dependency = describeDependency(finding);
        const key = `${dependency.root ?? ""}\u0000${dependency.resource ?? dependency.where}\u0000${dependency.host}`;
        byDependency.set(key, [...(byDependency.get(key) ?? []), finding]);
      }
      for (const group of byDependency.values()) {
        const dependency = describeDependency(group[0]);
        add(dependencyChange(dependency), group, dependency);
      }
      matching = matching.filter((finding) => !isNationalDependency(finding));
    }
    if (matching.length) add(step.change, matching);
  });
  return result;
}
