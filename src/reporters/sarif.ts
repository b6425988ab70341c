/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one run, every rule that ran,
 * the Internet First guidance as a taxonomy the rules relate to, and results with regions,
 * snippets, fingerprints that survive moved lines, related locations and suppressions.
 */
import { pathToFileURL } from "node:url";
import type { ScanResult } from "../scan.js";
import type { Finding, RelatedLocation } from "../engine/finding.js";
import type { RuleMeta, Severity } from "../engine/rule.js";
import { guidanceSections } from "../engine/guidance.js";
import { INFORMATION_URI, TOOL_NAME, toolVersion } from "../version.js";
import { guidanceCoverage } from "./guidance-coverage.js";
import { fingerprint } from "../engine/fingerprint.js";

export { fingerprint };

/** GitHub code scanning accepts at most this many results in a run. */
export const MAX_SARIF_RESULTS = 25_000;
export const RULE_DOCS_BASE = `${INFORMATION_URI}/blob/main/docs/rules/`;
const TAXONOMY = "InternetFirst";
const SECURITY_SEVERITY: Record<Severity, string> = { error: "7.5", warning: "5.0", note: "2.0" };

export interface SarifOptions {
  /** The directory results' paths are relative to (declared as %SRCROOT%). */
  cwd?: string;
  /** Told of anything the consumer should know (the result cap). */
  warn?: (message: string) => void;
}

/** Descriptors for findings that come from iflint itself rather than a rule. */
const BUILT_IN: Record<
  string,
  Pick<RuleMeta, "id" | "name" | "title" | "severity" | "rationale" | "remediation" | "guidance"> & { category: string }
> = {
  "parse-error": {
    id: "parse-error",
    name: "file-does-not-parse",
    title: "The file could not be read or parsed",
    severity: "error",
    category: "parse-error",
    rationale: "A file iflint cannot read is not checked; its problems would go unseen.",
    remediation: "Fix the syntax error at the reported position.",
    guidance: [],
  },
  "module-not-found": {
    id: "module-not-found",
    name: "module-not-found",
    title: "A local module's directory holds no Terraform files",
    severity: "warning",
    category: "incomplete",
    rationale:
      "The module's resources are not checked and its outputs are unknown, so findings that depend on them go unseen.",
    remediation: "Check the module's source path, or scan with the repository it points into beside this one.",
    guidance: [],
  },
  "file-not-found": {
    id: "file-not-found",
    name: "file-not-found",
    title: "A file that file() or templatefile() reads is not in the scan",
    severity: "warning",
    category: "incomplete",
    rationale:
      "Terraform fails when the file is missing; iflint goes on with the values made from it unknown, so findings that depend on them (an API's OpenAPI body) go unseen.",
    remediation:
      "Commit the file, or build it before the scan (a generated OpenAPI specification), or scan with the repository that holds it.",
    guidance: [],
  },
  "file-encrypted": {
    id: "file-encrypted",
    name: "file-encrypted",
    title: "A file is encrypted in the repository (git-crypt)",
    severity: "warning",
    category: "incomplete",
    rationale:
      "An encrypted file cannot be read: its resources are not checked, and a root module whose variables file is encrypted has those variables unknown.",
    remediation: "Scan a checkout where the files are decrypted (git-crypt unlock), or ignore the path.",
    guidance: [],
  },
  "outside-scan": {
    id: "outside-scan",
    name: "file-outside-scan",
    title: "A file named by the scanned code lies outside the scanned paths",
    severity: "warning",
    category: "incomplete",
    rationale:
      "iflint reads only inside the paths it was given and the repository holding them, so a scan of untrusted code cannot copy other files into a report. What the file would have supplied is unknown.",
    remediation:
      "Keep the file inside the repository, or scan the directory that holds it as well; replace a symbolic link that leads out of the repository with the file itself.",
    guidance: [],
  },
  "special-file": {
    id: "special-file",
    name: "not-a-regular-file",
    title: "A path names a device, FIFO or socket, not a file",
    severity: "warning",
    category: "incomplete",
    rationale:
      "Reading a device or FIFO can block or never end; iflint does not open them, so what they would supply is unknown.",
    remediation: "Replace the special file with a regular file, or remove it from the repository.",
    guidance: [],
  },
  "file-too-large": {
    id: "file-too-large",
    name: "file-too-large",
    title: "A file is too large to be source code",
    severity: "warning",
    category: "incomplete",
    rationale: "A file of tens of megabytes is generated data, not configuration; it is not read into memory.",
    remediation: "Exclude the file with ignorePaths, or split it.",
    guidance: [],
  },
  "internal-error": {
    id: "internal-error",
    name: "rule-failed",
    title: "A rule failed on this input",
    severity: "error",
    category: "internal-error",
    rationale: "A rule that fails is reported rather than treated as a pass.",
    remediation: "Report the problem to the iflint maintainers with the input that caused it.",
    guidance: [],
  },
};

export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(result, options), null, 2)}\n`;
}

export function buildSarif(result: ScanResult, options: SarifOptions = {}): object {
  const cwd = options.cwd ?? process.cwd();
  const descriptors = [
    ...result.rules.map((rule) => ({ ...rule.meta })),
    ...Object.values(BUILT_IN).filter((builtIn) => result.findings.some((finding) => finding.ruleId === builtIn.id)),
  ];
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const sections = guidanceSections();
  const sectionIndex = new Map(sections.map((section, index) => [section.id, index]));
  const capped = result.findings.length > MAX_SARIF_RESULTS;
  if (capped)
    options.warn?.(
      `SARIF output holds the first ${MAX_SARIF_RESULTS} of ${result.findings.length} results (GitHub's limit); the JSON report has them all.`,
    );
  const results = result.findings
    .slice(0, MAX_SARIF_RESULTS)
    .map((finding) => toResult(finding, ruleIndex.get(finding.ruleId) ?? -1));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: toolVersion(),
            version: toolVersion(),
            informationUri: INFORMATION_URI,
            rules: descriptors.map((descriptor) => ({
              id: descriptor.id,
              name: descriptor.name,
              shortDescription: { text: descriptor.title },
              fullDescription: { text: descriptor.rationale },
              help: {
                text: `${descriptor.rationale}\n\nHow to fix: ${descriptor.remediation}`,
                markdown: `${descriptor.rationale}\n\n**How to fix:** ${descriptor.remediation}`,
              },
              helpUri: `${RULE_DOCS_BASE}${descriptor.id}.md`,
              defaultConfiguration: { level: descriptor.severity },
              properties: {
                tags: [descriptor.category, ...descriptor.guidance],
                "security-severity": SECURITY_SEVERITY[descriptor.severity],
              },
              relationships: descriptor.guidance
                .filter((id) => sectionIndex.has(id))
                .map((id) => ({
                  target: { id, index: sectionIndex.get(id), toolComponent: { name: TAXONOMY, index: 0 } },
                  kinds: ["relevant"],
                })),
            })),
          },
        },
        taxonomies: [
          {
            name: TAXONOMY,
            organization: "NHS England",
            shortDescription: { text: "Internet First guidance sections that iflint findings cite" },
            taxa: sections.map((section) => ({
              id: section.id,
              name: section.heading,
              shortDescription: { text: section.heading },
              fullDescription: { text: section.requirements.join(" ") },
              ...(section.source.startsWith("https://") ? { helpUri: section.source } : {}),
            })),
          },
        ],
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(cwd.endsWith("/") ? cwd : `${cwd}/`).href } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: capped
              ? [
                  {
                    level: "warning",
                    message: {
                      text: `Only the first ${MAX_SARIF_RESULTS} of ${result.findings.length} results are included (GitHub's limit).`,
                    },
                  },
                ]
              : [],
          },
        ],
        results,
        properties: { guidance: guidanceCoverage(result) },
      },
    ],
  };
}

function toResult(finding: Finding, ruleIndex: number): object {
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: finding.severity,
    message: { text: finding.message },
    locations: [location(finding.range, undefined)],
    partialFingerprints: { "iflintFingerprint/v1": fingerprint(finding) },
    properties: {
      category: finding.category,
      guidance: finding.guidance,
      ...(finding.resource ? { resource: finding.resource } : {}),
      ...(finding.certainty ? { certainty: finding.certainty } : {}),
      ...(finding.certaintyReason ? { certaintyReason: finding.certaintyReason } : {}),
    },
  };
  const related = [...finding.trace, ...finding.related];
  if (related.length)
    result.relatedLocations = related.map((item, index) => ({ id: index + 1, ...location(item.range, item.message) }));
  if (finding.suppressed)
    result.suppressions = [
      {
        kind: finding.justification?.startsWith("config:") ? "external" : "inSource",
        status: "accepted",
        justification: finding.justification ?? "",
      },
    ];
  return result;
}

function location(range: RelatedLocation["range"], message: string | undefined): object {
  const start = range.start;
  const end = range.end;
  const snippet = range.file.lineText(start.line);
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(range.file.path), uriBaseId: "%SRCROOT%" },
      region: {
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: Math.max(end.column, end.line === start.line ? start.column + 1 : end.column),
        snippet: { text: snippet },
      },
    },
    ...(message ? { message: { text: message } } : {}),
  };
}
