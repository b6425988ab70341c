/**
 * docs/national-services.md: what iflint believes about each NHS national service host, from
 * data/nhs-national-endpoints.json, so users can check it and report when NHS England moves one.
 */
import { nationalEndpoints, type NationalEndpoint } from "../engine/national-endpoints.js";

const NETWORK_LABEL: Record<NationalEndpoint["network"], string> = {
  "hscn-only": "HSCN only",
  internet: "internet",
  both: "HSCN and internet",
  unknown: "unknown",
};

export function renderNationalServicesDoc(): string {
  const cell = (text: string) => text.replace(/</g, "&lt;").replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
  const source = (text: string) => (/^https?:\/\//.test(text) ? `<${text}>` : `\`${text}\``);
  const rows = nationalEndpoints().map(
    (entry) =>
      `| ${cell(entry.service)} | \`${entry.hostPattern}\` | ${cell(entry.environment)} | ${NETWORK_LABEL[entry.network]} | ${entry.internetAlternative ? `${cell(entry.internetAlternative.service)}${entry.internetAlternative.host ? ` (\`${entry.internetAlternative.host}\`)` : ""}` : "none known"} | ${entry.confidence} | ${entry.sources.map(source).join("<br>")} |`,
  );
  return [
    "# NHS national services: the network iflint believes each is on",
    "",
    "<!-- Generated from data/nhs-national-endpoints.json by `npm run docs`; do not edit. -->",
    "",
    "iflint reports configuration that names a national service host reachable only over HSCN, and gives the",
    "internet route where a source names one. Exact hosts outrank patterns (`*.` and a domain); a longer pattern",
    "outranks a shorter one. When NHS England moves a service, or a source here is wrong, open an issue with the",
    "new source; for your own estate, mark an entry as already migrated in the configuration.",
    "",
    "| service | host | environment | network | internet route | confidence | sources |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
