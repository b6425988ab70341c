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

  it("in a file read by a call written with a comment before its parenthesis", () => {
    const result = scanFiles({
      "main.tf": parameter('file /* the SDS host */ ("${path.module}/sds.txt")'),
      "sds.txt": `${HOST}\n`,
    });
    expect(placed(result)).toEqual([`main.tf:3:11 ${HOST}`]);
  });

  it("in a file a template reads", () => {
    const result = scanFiles({
      "main.tf": parameter('templatefile("${path.module}/sds.tpl", {})'),
      "sds.tpl": 'ldaps://${trimspace(file("host.txt"))}:636\n',
      "host.txt": `${HOST}\n`,
    });
    expect(placed(result)).toEqual([`main.tf:3:11 ${HOST}`]);
  });

  it("in a file a local_file data source reads", () => {
    const result = scanFiles({
      "main.tf":
        'data "local_file" "sds" {\n  filename = "${path.module}/sds.txt"\n}\n' +
        parameter("data.local_file.sds.content"),
      "sds.txt": `${HOST}\n`,
    });
    expect(placed(result)).toEqual([`main.tf:6:11 ${HOST}`]);
  });

  it("in the name of the directory path.cwd gives", () => {
    const result = scanFiles({ "main.tf": parameter('"file://${path.cwd}/ca.pem"') }, {}, HOST);
    expect(placed(result)).toEqual([
      expect.stringMatching(new RegExp(`^main\\.tf:3:11 .*${HOST.replace(/\./g, "\\.")}$`)),
    ]);
  });

  it("and still evaluates a root whose read is refused, so the refusal is reported where the file is named", () => {
    const result = scanFiles({ "main.tf": parameter('file("/etc/hostname")') });
    expect(
      result.findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column}`),
    ).toEqual(["outside-scan 3:11"]);
  });

  it("but not a domain assembled from separate strings (the rule's documented limitation)", () => {
    const result = scanFiles({ "main.tf": parameter('join(".", ["ldap", "nis1", "national", "ncrs", "nhs", "uk"])') });
    expect(placed(result)).toEqual([]);
  });
});

describe("rootsMayNameEndpoint", () => {
  it("closes a root whose texts, the files it reads included, name no endpoint; opens one reading a file it cannot name without evaluating more than the path", () => {
    const reads = (path: string) => parameter(`file(${path})`);
    const result = scanFiles({
      "plain/main.tf": parameter('"https://example.org"'),
      "named/main.tf": parameter('"https://pacs.trust.example"'),
      "writes/main.tf": 'resource "local_file" "out" {\n  filename = "out.txt"\n  content  = "x"\n}\n',
      "reads-plain/main.tf": reads('"${path.module}/value.txt"'),
      "reads-plain/value.txt": "https://example.org\n",
      "reads-named/main.tf": 'locals {\n  name = "value.txt"\n}\n' + reads('"${path.module}/${local.name}"'),
      "reads-named/value.txt": "https://pacs.trust.example\n",
      "reads-unknown/main.tf": 'variable "path" {\n  type = string\n}\n' + reads("var.path"),
      "reads-each/main.tf":
        'resource "aws_ssm_parameter" "many" {\n  for_each = toset(["a.txt"])\n  name     = each.key\n  value    = file(each.key)\n}\n',
      "reads-names/main.tf": parameter('join(",", fileset(path.module, "*"))'),
      "reads-either/main.tf":
        'variable "named" {\n  type = bool\n}\n' + reads('var.named ? "${path.module}/b.txt" : "${path.module}/a.txt"'),
      "reads-either/a.txt": "https://example.org\n",
      "reads-either/b.txt": "https://pacs.trust.example\n",
      "reads-either-plain/main.tf":
        'variable "named" {\n  type = bool\n}\n' + reads('var.named ? "${path.module}/b.txt" : "${path.module}/a.txt"'),
      "reads-either-plain/a.txt": "https://example.org\n",
      "reads-either-plain/b.txt": "https://example.net\n",
      "reads-nothing/main.tf": "locals {\n  paths = {}\n}\n" + reads('local.paths["missing"]'),
    });
    const may = rootsMayNameEndpoint(
      { privateEndpoints: [{ host: "*.trust.example", reason: "HSCN only" }] },
      result.estate,
    );
    const roots = [
      "plain",
      "named",
      "writes",
      "reads-plain",
      "reads-named",
      "reads-unknown",
      "reads-each",
      "reads-names",
      "reads-either",
      "reads-either-plain",
      "reads-nothing",
    ];
    expect(Object.fromEntries([...roots, "not-a-root"].map((root) => [root, may(root)]))).toEqual({
      plain: false,
      named: true,
      writes: false,
      "reads-plain": false,
      "reads-named": true,
      "reads-unknown": true,
      "reads-each": true,
      "reads-names": true,
      "reads-either": true,
      "reads-either-plain": false,
      "reads-nothing": false,
      "not-a-root": true,
    });
  });
});
