/**
 * Dependencies on HSCN-only national services and on the organisation's own private endpoints, as
 * IFL-EXP-014 reports them: what the register lists per service (or for the estate, when no service
 * in the scan is served by the configuration that names them) and what the plan moves, one step each.
 */
import type { Finding } from "../engine/finding.js";
import { nationalEndpointFor } from "../engine/national-endpoints.js";

export interface NationalDependency {
  host: string;
  /** The national service the catalogue names, or the organisation's reason for a private endpoint. */
  service: string;
  /** True for one of the organisation's own endpoints (`privateEndpoints`). */
  ownEndpoint: boolean;
  /** The internet route a source names (`Spine Directory Service - FHIR API at int.api.service.nhs.uk`), if any. */
  route?: string;
  /** Where configuration names it: `aws_ecs_task_definition.letters container_definitions`. */
  where: string;
  location: string;
  resource?: string;
  root?: string;
}

const RULE = "IFL-EXP-014";
const DEPENDENCY_MESSAGES = new Set(["hscnOnly", "privateEndpoint"]);

/** An open finding that says configuration depends on an HSCN-only national service or a private endpoint. */
export function isNationalDependency(finding: Finding): boolean {
  return (
    finding.ruleId === RULE &&
    !finding.suppressed &&
    DEPENDENCY_MESSAGES.has(finding.messageId ?? "") &&
    typeof finding.data?.host === "string"
  );
}

export function describeDependency(finding: Finding): NationalDependency {
  const data = finding.data ?? {};
  const host = String(data.host);
  const ownEndpoint = finding.messageId === "privateEndpoint";
  const alternative = ownEndpoint ? null : nationalEndpointFor(host)?.internetAlternative;
  return {
    host,
    service: ownEndpoint ? `private endpoint: ${String(data.reason)}` : String(data.service),
    ownEndpoint,
    ...(alternative ? { route: `${alternative.service}${alternative.host ? ` at ${alternative.host}` : ""}` } : {}),
    where: String(data.where),
    location: `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
    ...(finding.resource !== undefined ? { resource: finding.resource } : {}),
    ...(finding.root !== undefined ? { root: finding.root } : {}),
  };
}

/** One line for a register cell: the host, what it is, where it is named, and the way out. */
export function dependencyLabel(dependency: NationalDependency): string {
  const way = dependency.ownEndpoint
    ? "move it to an internet-facing endpoint"
    : dependency.route
      ? `internet route: ${dependency.route}`
      : "no internet route known yet";
  return `${dependency.host} (${dependency.service}) from ${dependency.where}; ${way}`;
}

/** The plan's change for one dependency: move what names it to the internet route. */
export function dependencyChange(dependency: NationalDependency): string {
  if (dependency.ownEndpoint)
    return `Move ${dependency.where} from ${dependency.host} (${dependency.service}) to an internet-facing endpoint`;
  if (dependency.route)
    return `Move ${dependency.where} from ${dependency.host} (${dependency.service}) to ${dependency.route}`;
  return `Find an internet route for ${dependency.service} (${dependency.host}), used by ${dependency.where}: none is known yet`;
}

/** The dependencies no register row claims: the estate-level list. */
export function estateNationalDependencies(
  members: readonly { members: readonly string[]; root: string }[],
  findings: readonly Finding[],
): NationalDependency[] {
  const claimed = new Set(members.flatMap((entry) => entry.members.map((member) => `${entry.root}\u0000${member}`)));
  return findings
    .filter(isNationalDependency)
    .filter((finding) => finding.resource === undefined || !claimed.has(`${finding.root}\u0000${finding.resource}`))
    .map(describeDependency);
}
