/**
 * The asset register as CSV (RFC 4180; optional UTF-8 BOM for Excel), JSON or Markdown. Services come
 * first and are what the counts are about; names that point outside the scan follow, in their own
 * section (CSV: one table, told apart by the Section column so spreadsheet filters still work).
 */
import { namesOf, servicesOf, type RegisterEntry } from "../register/build-register.js";
import { dependencyLabel, type NationalDependency } from "../register/national-dependencies.js";
import { TOOL_NAME, toolVersion } from "../version.js";

const COLUMNS: [keyof RegisterEntry, string][] = [
  ["section", "Section"],
  ["service", "Service"],
  ["kind", "Kind"],
  ["resource", "Resource"],
  ["locations", "Source"],
  ["hosting", "Hosting"],
  ["exposure", "Exposure"],
  ["addressing", "Addressing"],
  ["tls", "TLS"],
  ["waf", "WAF"],
  ["dnsNames", "DNS names"],
  ["privateDependencies", "Private-network dependencies"],
  ["nationalServices", "National services"],
  ["readiness", "Readiness"],
  ["findings", "Findings"],
  ["planned", "Planned"],
];

function text(value: RegisterEntry[keyof RegisterEntry]): string {
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end CRLF. */
function csvField(value: string): string {
  // A leading = + - @ would be taken as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderRegisterCsv(entries: readonly RegisterEntry[], options: { bom?: boolean } = {}): string {
  const rows = [COLUMNS.map(([, title]) => title), ...entries.map((entry) => COLUMNS.map(([key]) => text(entry[key])))];
  return `${options.bom ? "\ufeff" : ""}${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

export function renderRegisterJson(
  entries: readonly RegisterEntry[],
  links: readonly string[] = [],
  national: readonly NationalDependency[] = [],
): string {
  return `${JSON.stringify(
    {
      version: 1,
      tool: { name: TOOL_NAME, version: toolVersion() },
      services: servicesOf(entries),
      names: namesOf(entries),
      privateLinks: links,
      nationalServices: national,
    },
    null,
    2,
  )}\n`;
}

/** "15 services: 6 ready, 9 not ready, 0 unknown" — the counts cover the rows given. */
export function readinessCounts(entries: readonly RegisterEntry[], noun: string): string {
  const count = (readiness: string) => entries.filter((entry) => entry.readiness === readiness).length;
  return `${entries.length} ${noun}: ${count("ready")} ready, ${count("not ready")} not ready, ${count("unknown")} unknown`;
}

export function renderRegisterMarkdown(
  entries: readonly RegisterEntry[],
  links: readonly string[] = [],
  national: readonly NationalDependency[] = [],
): string {
  const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const columns = COLUMNS.filter(([key]) => key !== "section");
  const table = (rows: readonly RegisterEntry[]) => [
    `| ${columns.map(([, title]) => title).join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...rows.map((entry) => `| ${columns.map(([key]) => cell(text(entry[key]))).join(" | ")} |`),
  ];
  const services = servicesOf(entries);
  const names = namesOf(entries);
  return [
    "# Asset register",
    "",
    `${readinessCounts(services, "services")}. DNS names that point at a service are in its row.`,
    "",
    ...(links.length
      ? [`Private-network links in the estate (record which services use them): ${links.join("; ")}.`, ""]
      : []),
    ...(national.length
      ? [
          "National services and private endpoints named by configuration that serves no service in the scan:",
          "",
          ...national.map((dependency) => `- ${cell(dependencyLabel(dependency))} (${dependency.location})`),
          "",
        ]
      : []),
    ...table(services),
    "",
    ...(names.length
      ? [
          "## Names",
          "",
          `${readinessCounts(names, "DNS names")} that point outside the scan (an address, or a host the scan does not hold).`,
          "",
          ...table(names),
          "",
        ]
      : []),
  ].join("\n");
}
