#!/usr/bin/env node
// Scaffolds a rule: `npm run new-rule -- <aws|azure>/<category>/<name> [IFL-XXX-NNN]` for a provider's
// rule, or `dns/<name>` for a rule on DNS zones from any source. Writes the rule module, fail/pass
// fixtures and a test, and registers the rule; then fill them in and run `npm run docs`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [spec, explicitId] = process.argv.slice(2);
const match = /^(?:(aws|azure)\/(tls|waf|addressing|exposure|bandwidth)|(dns))\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(
  spec ?? "",
);
if (!match) {
  console.error(
    "usage: npm run new-rule -- <aws|azure>/<tls|waf|addressing|exposure|bandwidth>/<kebab-name> [IFL-AREA-NNN]\n       npm run new-rule -- dns/<kebab-name> [IFL-DNS-NNN]",
  );
  process.exit(2);
}
const [, provider, providerCategory, dnsFolder, name] = match;
const folder = provider ? `${provider}/${providerCategory}` : dnsFolder;
const kind = providerCategory ?? "dns";
const area = { tls: "TLS", waf: "WAF", addressing: "ADDR", exposure: "EXP", bandwidth: "BW", dns: "DNS" }[kind];
const category = kind === "addressing" ? "private-addressing" : kind;
const index = readFileSync(join(root, "rules", "index.ts"), "utf8");
let id = explicitId;
if (!id) {
  // The next number after the highest taken in the area: every rule has fixtures and a doc page, and
  // ids are never reused, so pages of retired rules count too.
  const taken = [...readdirSync(join(root, "fixtures")), ...readdirSync(join(root, "docs", "rules"))].join(" ");
  const used = [...taken.matchAll(new RegExp(`IFL-${area}-(\\d{3})`, "g"))].map((m) => Number(m[1]));
  id = `IFL-${area}-${String(Math.max(0, ...used) + 1).padStart(3, "0")}`;
}
const identifier = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const rulePath = join(root, "rules", folder, `${name}.ts`);
if (existsSync(rulePath)) {
  console.error(`${rulePath} exists`);
  process.exit(2);
}
if (existsSync(join(root, "fixtures", id))) {
  console.error(`fixtures/${id} exists: ${id} is taken`);
  process.exit(2);
}
const written = [];
const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (/\.(ts|json|md)$/.test(path)) written.push(path);
  console.log(`wrote ${path.slice(root.length + 1)}`);
};
const engine = relative(dirname(rulePath), join(root, "src", "engine", "rule.js"));
write(
  rulePath,
  `import { defineRule } from "${engine}";

/** TODO: one sentence on why the compliant state matters. */
export default defineRule({
  meta: {
    id: "${id}",
    name: "${name}",
    title: "TODO: the compliant state, as a sentence",
    severity: "warning",
    category: "${category}",
    guidance: ["IF-POLICY"],
    rationale: "TODO: why it matters for Internet First.",
    remediation: "TODO: how to fix it, with the Terraform to write.",
    limitations: "TODO: what the rule cannot see (values from outside the scan, resources it does not read).",
    links: ["https://digital.nhs.uk/services/internet-first"],
    messages: {
      problem: "TODO {resource}",
    },
    resourceTypes: [],
  },
  check(context) {
    context.forEachResource([], (resource) => {
      context.report({ node: resource, messageId: "problem", data: { resource: resource.address }, resource });
    });
  },
});
`,
);
write(join(root, "fixtures", id, "fail", "main.tf"), "# TODO: Terraform that breaks the rule\n");
write(
  join(root, "fixtures", id, "pass", "main.tf"),
  "# TODO: Terraform that complies, and near misses that must not fire\n",
);
write(
  join(root, "test", "rules", `${id}.test.ts`),
  `import { describeRule } from "../support/rule-harness.js";

describeRule("${id}", {
  fail: [{ file: "fail/main.tf", line: 1, column: 1, message: /TODO/ }],
});
`,
);
const updated = index
  .replace(/(\nexport const allRules)/, `import ${identifier} from "./${folder}/${name}.js";\n$1`)
  .replace(/(\n\]\.sort\()/, `\n  ${identifier},$1`);
writeFileSync(join(root, "rules", "index.ts"), updated);
written.push(join(root, "rules", "index.ts"));
// Written in the project's format, so `npm run lint` passes before the TODOs are filled in.
execFileSync(join(root, "node_modules", ".bin", "prettier"), ["--write", "--log-level", "warn", ...written], {
  stdio: "inherit",
});
console.log(`registered ${id} in rules/index.ts; fill in the TODOs, then run npm run docs`);
