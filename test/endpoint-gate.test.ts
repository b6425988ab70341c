/**
 * IFL-EXP-014 skips root modules none of whose texts can name an endpoint, unevaluated. The gate
 * must see every text a value is made of: these hosts each reach the value from somewhere other
 * than the file that gives it to the resource.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan, type ScanOptions } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { rootsMayNameEndpoint } from "../src/engine/configured-endpoints.js";

const HOST = "ldap.nis1.national.ncrs.nhs.uk";
const rule = findRule("IFL-EXP-014")!;

/** Scans files written under a fresh directory with IFL-EXP-014 alone. */
function scanFiles(files: Record<string, string>, options: Partial<ScanOptions> = {}, under = "") {
  const work = join(mkdtempSync(join(tmpdir(), "iflint-endpoint-gate-")), under);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  return scan({ paths: ["."], cwd: work, rules: [rule], ...options });
}

const parameter = (value: string) => `resource "aws_ssm_parameter" "sds" {\n  name  = "sds"\n  value = ${value}\n}\n`;
const VARIABLE = 'variable "host" {\n  type = string\n}\n';

function placed(result: ReturnType<typeof scan>): string[] {
  return result.findings
    .filter((finding) => finding.ruleId === rule.meta.id)
    .map(
      (finding) =>
        `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column} ${String(finding.data?.host)}`,
    );
}

describe("IFL-EXP-014 sees a host wherever the texts of its root module give it", () => {
  it("in terraform.tfvars", () => {
    const result = scanFiles({
      "main.tf": VARIABLE + parameter('"ldaps://${var.host}:636"'),
      "terraform.tfvars": `host = "${HOST}"\n`,
    });
    expect(placed(result)).toEqual([`main.tf:6:11 ${HOST}`]);
  });

  it("in a TF_VAR_ environment variable and in --var", () => {
    const files = { "main.tf": VARIABLE + parameter("var.host") };
    expect(placed(scanFiles(files, { environment: { TF_VAR_host: HOST } }))).toEqual([`main.tf:6:11 ${HOST}`]);
    expect(placed(scanFiles(files, { vars: [`host=${HOST}`] }))).toEqual([`main.tf:6:11 ${HOST}`]);
  });

  it("in a called module's output", () => {
    const result = scanFiles({
      "main.tf": 'module "directory" {\n  source = "./modules/directory"\n}\n' + parameter("module.directory.host"),
      "modules/directory/outputs.tf": `output "host" {\n  value = "${HOST}"\n}\n`,
    });
    expect(placed(result)).toEqual([`main.tf:6:11 ${HOST}`]);
  });

  it("in a template the configuration reads with templatefile()", () => {
    const result = scanFiles({
      "main.tf": parameter('templatefile("${path.module}/templates/sds.tpl", {})'),
      "templates/sds.tpl": `ldaps://${HOST}:636\n`,
    });
    expect(placed(result)).toEqual([`main.tf:3:11 ${HOST}`]);
  });

  it("in the name of the directory path.cwd gives", () => {
    const result = scanFiles({ "main.tf": parameter('"file://${path.cwd}/ca.pem"') }, {}, HOST);
    expect(placed(result)).toEqual([
      expect.stringMatching(new RegExp(`^main\\.tf:3:11 .*${HOST.replace(/\./g, "\\.")}$`)),
    ]);
  });

  it("but not a domain assembled from separate strings (the rule's documented limitation)", () => {
    const result = scanFiles({ "main.tf": parameter('join(".", ["ldap", "nis1", "national", "ncrs", "nhs", "uk"])') });
    expect(placed(result)).toEqual([]);
  });
});

describe("rootsMayNameEndpoint", () => {
  it("closes a root whose texts name no endpoint, and opens one whose files read other files or whose texts are not known", () => {
    const result = scanFiles({
      "plain/main.tf": parameter('"https://example.org"'),
      "reads/main.tf": parameter('file("${path.module}/value.txt")'),
      "named/main.tf": parameter('"https://pacs.trust.example"'),
    });
    const may = rootsMayNameEndpoint(
      { privateEndpoints: [{ host: "*.trust.example", reason: "HSCN only" }] },
      result.estate,
    );
    expect([may("plain"), may("reads"), may("named"), may("not-a-root")]).toEqual([false, true, true, true]);
  });
});
