/** Evaluation of Terraform: variable precedence, locals, modules, count/for_each, dynamic blocks, unknowns. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { rootVariableAssignments } from "../src/evaluate/variable-sources.js";
import { findRule } from "../rules/index.js";
import { isUnknown, type Unknown, type Value } from "../src/model/value.js";
import { renderJson } from "../src/reporters/json.js";
import { renderText } from "../src/reporters/text.js";
import { repoRoot } from "./support/rule-harness.js";

const fixtures = join(repoRoot, "fixtures", "evaluate");

/** A new empty directory for a test's own estate. */
function freshDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function scanFixture(
  name: string,
  options: { varFiles?: string[]; vars?: string[]; environment?: Record<string, string>; ruleIds?: string[] } = {},
) {
  const rules = (options.ruleIds ?? []).map((id) => findRule(id)!);
  return scan({
    paths: [join(fixtures, name)],
    cwd: fixtures,
    rules,
    varFiles: options.varFiles,
    vars: options.vars,
    environment: options.environment,
  });
}

function attributeValue(result: ReturnType<typeof scan>, address: string, name: string): Value | undefined {
  const resource = [...result.estate.resources, ...result.estate.dataSources].find(
    (candidate) => candidate.address === address,
  );
  if (!resource) throw new Error(`no ${address}; have ${result.estate.resources.map((r) => r.address).join(", ")}`);
  return resource.value(name);
}

describe("variables", () => {
  it("apply Terraform's precedence: default < env < tfvars < auto.tfvars (lexical) < --var-file < --var", () => {
    const result = scanFixture("precedence", {
      varFiles: [join(fixtures, "precedence", "extra.tfvars")],
      vars: ["from_cli=cli"],
      environment: { TF_VAR_from_default: "env", TF_VAR_from_env: "env" },
    });
    const triggers = attributeValue(result, "null_resource.probe", "triggers") as Record<string, Value>;
    expect(triggers.summary).toBe("env/tfvars/auto-b/tfvars/var-file/cli");
  });

  it("are read from the variables files discovery listed, and from a listing of their own where it listed none", () => {
    const directory = join(fixtures, "precedence");
    const fromAuto = (tfvarsNames?: Map<string, string[]>) => {
      const assigned = rootVariableAssignments(directory, { tfvarsNames }).values.get("from_auto");
      return assigned && "value" in assigned ? assigned.value : undefined;
    };
    expect(fromAuto()).toBe("auto-b");
    // Discovery's listing stands for the directory's: a file it did not list is not read.
    expect(fromAuto(new Map([[directory, ["terraform.tfvars"]]]))).toBe("tfvars");
    expect(fromAuto(new Map([[directory, ["a.auto.tfvars.json", "terraform.tfvars"]]]))).toBe("auto-a");
    expect(fromAuto(new Map([["/elsewhere", []]]))).toBe("auto-b");
  });

  it("convert values to the declared type, filling optional attributes", () => {
    const triggers = attributeValue(scanFixture("precedence"), "null_resource.probe", "triggers") as Record<
      string,
      Value
    >;
    expect(triggers.cidrs).toEqual(["192.168.0.0/16"]);
    expect(triggers.ports).toEqual([80, 443]);
    expect(triggers.settings).toEqual({ name: "portal", tls: "TLSv1.2_2021", enabled: null });
  });

  it("give terraform.workspace from TF_WORKSPACE (--workspace), and leave it unknown without", async () => {
    const directory = freshDirectory("iflint-workspace-");
    writeFileSync(
      join(directory, "main.tf"),
      'locals {\n  ranges = { test = "10.26.8.0/24", prod = "10.27.8.0/24" }\n}\nresource "aws_subnet" "app" {\n  cidr_block = local.ranges[terraform.workspace]\n}\n',
    );
    const inWorkspace = scan({ paths: [directory], cwd: directory, rules: [], environment: { TF_WORKSPACE: "test" } });
    expect(inWorkspace.estate.resources[0].value("cidr_block")).toBe("10.26.8.0/24");
    expect(
      isUnknown(scan({ paths: [directory], cwd: directory, rules: [] }).estate.resources[0].value("cidr_block")),
    ).toBe(true);
  });

  it("leave a variable with no value anywhere unknown", () => {
    const triggers = attributeValue(scanFixture("precedence"), "null_resource.probe", "triggers") as Record<
      string,
      Value
    >;
    expect(isUnknown(triggers.missing)).toBe(true);
  });

  it("parse --var values as HCL for complex types", () => {
    const triggers = attributeValue(
      scanFixture("precedence", { vars: ['office_cidrs=["10.0.0.0/8"]'] }),
      "null_resource.probe",
      "triggers",
    ) as Record<string, Value>;
    expect(triggers.cidrs).toEqual(["10.0.0.0/8"]);
  });
});

describe("modules", () => {
  it("evaluate each instance with its own inputs: one flagged, the other not", () => {
    const result = scanFixture("module-twice", { ruleIds: ["IFL-TLS-001"] });
    const findings = result.findings.filter((finding) => finding.ruleId === "IFL-TLS-001");
    expect(findings.map((finding) => [finding.resource, finding.range.file.path, finding.range.start.line])).toEqual([
      ["module.public_portal.aws_lb_listener.http", "module-twice/modules/web/main.tf", 19],
    ]);
    expect(findings[0].message).toContain("module.public_portal.aws_lb_listener.http");
  });

  it("give resources module addresses and flow outputs back to the caller", () => {
    const result = scanFixture("module-twice");
    expect(result.estate.resources.map((resource) => resource.address).sort()).toEqual([
      "module.public_portal.aws_lb.this",
      "module.public_portal.aws_lb_listener.http",
      "module.staff_rota.aws_lb.this",
      "module.staff_rota.aws_lb_listener.http",
    ]);
    const output = result.estate.rootOutputs.find((item) => item.name === "portal_lb");
    expect(output?.block.value("value")).toBe("patient-portal");
  });

  it("do not evaluate a called module again as a root with its defaults", () => {
    const result = scanFixture("module-twice");
    expect(result.estate.resources.some((resource) => resource.address === "aws_lb.this")).toBe(false);
  });
});

describe("count and for_each", () => {
  it('convert the strings "true" and "false" where a bool is expected, as Terraform does', async () => {
    const directory = freshDirectory("iflint-string-bool-");
    writeFileSync(
      join(directory, "main.tf"),
      'variable "create" {\n  type    = string\n  default = false\n}\nresource "aws_route53_zone" "ternary" {\n  count = var.create ? 1 : 0\n}\nresource "aws_route53_zone" "and" {\n  count = var.create && true ? 1 : 0\n}\nresource "aws_route53_zone" "not" {\n  count = !var.create ? 1 : 0\n}\nresource "aws_route53_zone" "equal" {\n  count = var.create == false ? 1 : 0\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    // `"false" == false` is false in Terraform: == compares without converting.
    expect(result.estate.resources.map((resource) => resource.address)).toEqual(["aws_route53_zone.not[0]"]);
  });

  it("expand for_each over a map with each.key and each.value", () => {
    const result = scanFixture("for-each");
    expect(attributeValue(result, 'aws_security_group_rule.partner["gp_practices"]', "cidr_blocks")).toEqual([
      "10.84.0.0/16",
    ]);
    expect(attributeValue(result, 'aws_security_group_rule.partner["pharmacy"]', "description")).toBe(
      "HTTPS from pharmacy",
    );
  });

  it("give each.value of a map whose keys are not known: one entry makes one instance, several one that may be any", async () => {
    const directory = freshDirectory("iflint-unknown-keys-");
    mkdirSync(join(directory, "typed"));
    writeFileSync(
      join(directory, "typed", "main.tf"),
      'variable "origins" {\n  type = map(object({ host = string, private = optional(bool, false) }))\n}\n' +
        'resource "null_resource" "origin" {\n  for_each = var.origins\n  triggers = { host = each.value.host, private = each.value.private }\n}\n',
    );
    writeFileSync(
      join(directory, "main.tf"),
      'variable "environment" {}\n\nresource "aws_lb" "portal" {\n  name = "portal"\n}\n\n' +
        'resource "aws_lb_listener" "one" {\n  for_each          = { "${var.environment}-https" = aws_lb.portal.arn }\n  load_balancer_arn = each.value\n}\n\n' +
        'resource "aws_lb_listener" "several" {\n  for_each = { "${var.environment}-a" = 80, "${var.environment}-b" = 443 }\n  port     = each.value\n}\n\n' +
        'resource "aws_lb_listener" "from_for" {\n  for_each = { for name, port in { http = 80 } : "${var.environment}-${name}" => port }\n  port     = each.value\n}\n\n' +
        'module "typed" {\n  source  = "./typed"\n  origins = { "${var.environment}-origin" = { host = aws_lb.portal.dns_name } }\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    const resource = (address: string) => result.estate.resources.find((candidate) => candidate.address === address)!;
    const portal = resource("aws_lb.portal");
    const one = resource("aws_lb_listener.one");
    expect(one.existence).toBeUndefined();
    expect(result.estate.refersTo(one.value("load_balancer_arn"), portal)).toBe(true);
    const several = resource("aws_lb_listener.several");
    expect(several.existence).toBe("unknown");
    expect((several.value("port") as Unknown).known).toEqual({ kind: "choice", values: [80, 443] });
    expect(resource("aws_lb_listener.from_for").value("port")).toBe(80);
    // Converted by the variable's type: the optional attribute has its default.
    const triggers = resource("module.typed.null_resource.origin").value("triggers") as Record<string, Value>;
    expect(triggers.private).toBe(false);
    expect(result.estate.refersTo(triggers.host, portal)).toBe(true);
  });

  it("expand count with count.index", () => {
    const result = scanFixture("for-each");
    expect(result.estate.resourcesOfType("aws_subnet").map((subnet) => subnet.address)).toEqual([
      "aws_subnet.private[0]",
      "aws_subnet.private[1]",
      "aws_subnet.private[2]",
    ]);
    expect(attributeValue(result, "aws_subnet.private[2]", "availability_zone")).toBe("eu-west-2c");
  });
});

describe("dynamic blocks", () => {
  it("expand into the nested blocks rules read, with a custom iterator", () => {
    const result = scanFixture("dynamic");
    const group = result.estate.resourcesOfType("aws_security_group")[0];
    const ingress = group.blocksOfType("ingress");
    expect(ingress.map((block) => block.value("cidr_blocks"))).toEqual([["10.10.0.0/16"], ["172.16.5.0/24"]]);
    expect(ingress[1].value("description")).toBe("office 1");
  });

  it("stay unexpanded when the collection is unknown", () => {
    const group = scanFixture("dynamic").estate.resourcesOfType("aws_security_group")[0];
    expect(group.blocksOfType("egress")).toEqual([]);
    expect(group.blocksOfType("dynamic").map((block) => block.labels[0])).toEqual(["egress"]);
  });
});

describe("unknowns and cycles", () => {
  it("report a reference cycle as a diagnostic and go on", () => {
    const result = scanFixture("cycle");
    const diagnostics = result.findings.filter((finding) => finding.category === "parse-error");
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0].message).toMatch(/Reference cycle/);
    const triggers = attributeValue(result, "null_resource.x", "triggers") as Record<string, Value>;
    expect(isUnknown(triggers.a)).toBe(true);
    expect(triggers.c).toBe("fine");
  });

  it("propagate unknown and give no finding on it", () => {
    const result = scanFixture("unknown", { ruleIds: ["IFL-TLS-001"] });
    expect(result.findings).toEqual([]);
    const protocol = attributeValue(result, "aws_lb_listener.unknown_protocol", "protocol");
    expect(isUnknown(protocol)).toBe(true);
  });
});

describe("value traces", () => {
  it("say where a value came from, in text and JSON, with its certainty", () => {
    const result = scanFixture("module-twice", { ruleIds: ["IFL-TLS-001"] });
    const json = JSON.parse(renderJson(result)) as {
      findings: { trace?: { file: string; line: number; message: string }[]; certainty?: string }[];
    };
    void json;
    const resource = result.estate.resources.find(
      (candidate) => candidate.address === "module.public_portal.aws_lb.this",
    )!;
    const internal = resource.attribute("internal")!;
    expect(internal.value).toBe(false);
    expect(internal.trace?.map((step) => step.message)).toEqual([
      'var.internal = false (module "public_portal" input, module-twice/main.tf:4:3)',
    ]);
    expect(internal.certainty).toBe("definite");
    const text = renderText(scanFixture("precedence"), { color: false });
    expect(text).toContain("No findings");
  });
});

describe("null values", () => {
  it("keep a variable's null default as null, not unknown", async () => {
    const directory = freshDirectory("iflint-null-");
    writeFileSync(
      join(directory, "main.tf"),
      'variable "web_acl_id" {\n  type    = string\n  default = null\n}\n\nresource "aws_cloudfront_distribution" "site" {\n  web_acl_id = var.web_acl_id\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    expect(result.estate.resources[0].value("web_acl_id")).toBeNull();
  });
});

describe("certainty and evaluation notes", () => {
  it("mark a finding about a whole resource as resting on a default when its basis does", async () => {
    const directory = freshDirectory("iflint-certainty-");
    writeFileSync(
      join(directory, "main.tf"),
      'variable "internal" {\n  default = false\n}\n\nresource "aws_lb" "portal" {\n  name     = "portal"\n  internal = var.internal\n}\n\nresource "aws_lb" "fixed" {\n  name = "fixed"\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
    expect(
      result.findings.map((finding) => [
        finding.resource,
        finding.certainty,
        finding.trace.map((step) => step.message),
      ]),
    ).toEqual([
      ["aws_lb.portal", "default", ["var.internal = false (default, main.tf:2:13)"]],
      ["aws_lb.fixed", "definite", []],
    ]);
  });

  it("mark a finding as conditional when the resource's count/for_each, or its module call's, cannot be resolved", async () => {
    const directory = freshDirectory("iflint-conditional-");
    mkdirSync(join(directory, "edge"));
    writeFileSync(join(directory, "edge", "main.tf"), 'resource "aws_lb" "inner" {\n  name = "inner"\n}\n');
    writeFileSync(
      join(directory, "main.tf"),
      'variable "enabled" {}\nvariable "sites" {}\nvariable "count" {}\n\nresource "aws_lb" "maybe" {\n  count = var.enabled ? 1 : 0\n}\n\nresource "aws_lb" "known" {\n  count = 1\n}\n\nmodule "edge" {\n  source   = "./edge"\n  for_each = var.sites\n}\n\nresource "aws_lb" "some" {\n  count = var.enabled ? 3 : var.instances\n}\n\nresource "aws_lb" "one_or_two" {\n  count = var.enabled ? 2 : 1\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
    // Where the instances are known though the count is not (one of a few numbers), findings name them.
    expect(result.findings.map((finding) => [finding.resource, finding.certainty])).toEqual([
      ["module.edge.aws_lb.inner", "conditional"],
      ["aws_lb.maybe[0]", "conditional"],
      ["aws_lb.known[0]", "definite"],
      ["aws_lb.some", "conditional"],
      ["aws_lb.one_or_two[0]", "definite"],
      ["aws_lb.one_or_two[1]", "conditional"],
    ]);
    expect(result.findings[1].message).toBe(
      "Internet-facing load balancer aws_lb.maybe[0] has no web application firewall (no aws_wafv2_web_acl_association refers to it).",
    );
    expect(renderText(result, { color: false })).toContain(
      "certainty: holds only if a count/for_each that iflint cannot resolve creates the resource",
    );
  });

  it("mark a finding as resting on a default when the resource's count does; a module's own defaults are fixed by its caller's code", async () => {
    const directory = freshDirectory("iflint-existence-default-");
    mkdirSync(join(directory, "edge"));
    writeFileSync(
      join(directory, "edge", "main.tf"),
      'variable "create" {\n  default = true\n}\nresource "aws_lb" "inner" {\n  count = var.create ? 1 : 0\n}\n',
    );
    writeFileSync(
      join(directory, "main.tf"),
      'variable "create" {\n  default = true\n}\nresource "aws_lb" "outer" {\n  count = var.create ? 1 : 0\n}\nmodule "edge" {\n  source = "./edge"\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
    expect(result.findings.map((finding) => [finding.resource, finding.certainty])).toEqual([
      ["module.edge.aws_lb.inner[0]", "definite"],
      ["aws_lb.outer[0]", "default"],
    ]);
  });

  it("note expressions Terraform would reject, and leave their values unknown", async () => {
    const directory = freshDirectory("iflint-notes-");
    writeFileSync(
      join(directory, "main.tf"),
      'resource "aws_subnet" "a" {\n  cidr_block = cidrsubnet("10.0.0.0/30", 8, 1)\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [], evaluateAll: true });
    expect(isUnknown(result.estate.resources[0].value("cidr_block"))).toBe(true);
    expect(result.notes).toEqual([
      "main.tf:2:16 evaluation error, value unknown: cidrsubnet: insufficient address space to extend prefix of 30 by 8",
    ]);
  });
});

describe("reference cycles no rule reads", () => {
  it("are reported when every attribute is evaluated (--verbose), and only then", async () => {
    const directory = freshDirectory("iflint-cycle-unread-");
    writeFileSync(
      join(directory, "main.tf"),
      'resource "aws_iam_role" "a" {\n  name = aws_iam_role.b.name\n}\nresource "aws_iam_role" "b" {\n  name = aws_iam_role.a.name\n}\n',
    );
    const cycles = (evaluateAll: boolean) =>
      scan({ paths: [directory], cwd: directory, rules: [], evaluateAll }).findings.filter((finding) =>
        finding.message.startsWith("Reference cycle"),
      ).length;
    expect(cycles(true)).toBe(1);
    expect(cycles(false)).toBe(0);
  });
});

describe("references nested too deeply", () => {
  /** A subnet whose CIDR block is the end of a chain of `length` locals. */
  function scanChain(length: number) {
    const directory = freshDirectory("iflint-chain-");
    const locals = Array.from({ length: length - 1 }, (_, index) => `  l${index} = local.l${index + 1}`);
    writeFileSync(
      join(directory, "main.tf"),
      `locals {\n${locals.join("\n")}\n  l${length - 1} = "10.0.0.0/8"\n}\nresource "aws_subnet" "a" {\n  cidr_block = local.l0\n}\n`,
    );
    return scan({ paths: [directory], cwd: directory, rules: [] });
  }

  it("end in an unknown value and a diagnostic, not a crash: a chain of 3,000 locals", async () => {
    const result = scanChain(3000);
    const deep = result.findings.filter((finding) => finding.message.startsWith("References nested too deeply"));
    expect(deep[0].range.start.line).toBe(152);
    expect(deep[0].message).toContain("more than 150 references inside one another");
    expect(isUnknown(result.estate.resources[0].value("cidr_block"))).toBe(true);
  });

  it("are followed to the end below the limit, with a step per local in the trace", async () => {
    const result = scanChain(100);
    expect(result.findings).toEqual([]);
    const cidr = result.estate.resources[0].attribute("cidr_block");
    expect(cidr?.value).toBe("10.0.0.0/8");
    expect(cidr?.trace?.length).toBe(100);
  });
});

describe("module sources", () => {
  it("use modules that terraform init installed (.terraform/modules/modules.json), and never download", async () => {
    const directory = freshDirectory("iflint-modules-json-");
    mkdirSync(join(directory, ".terraform", "modules", "edge"), { recursive: true });
    writeFileSync(
      join(directory, ".terraform", "modules", "modules.json"),
      JSON.stringify({
        Modules: [
          { Key: "", Source: "", Dir: "." },
          { Key: "edge", Source: "registry.terraform.io/example/cdn/aws", Dir: ".terraform/modules/edge" },
        ],
      }),
    );
    writeFileSync(
      join(directory, ".terraform", "modules", "edge", "main.tf"),
      'variable "name" {}\nresource "aws_cloudfront_distribution" "this" {\n  comment = var.name\n}\n',
    );
    writeFileSync(
      join(directory, "main.tf"),
      'module "edge" {\n  source = "example/cdn/aws"\n  name   = "leaflets"\n}\nmodule "remote" {\n  source = "git::https://example.org/never-fetched.git"\n}\noutput "remote_id" {\n  value = module.remote.id\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-002")!] });
    expect(result.findings.map((finding) => finding.resource)).toEqual([
      "module.edge.aws_cloudfront_distribution.this",
    ]);
    expect(result.estate.resources[0].value("comment")).toBe("leaflets");
    expect(
      isUnknown(result.estate.rootOutputs.find((output) => output.name === "remote_id")?.block.value("value")),
    ).toBe(true);
  });

  it("end a module that calls itself with a diagnostic, quickly", async () => {
    const directory = freshDirectory("iflint-recursive-");
    writeFileSync(
      join(directory, "main.tf"),
      'module "self" {\n  source = "./"\n}\nresource "aws_lb" "x" {\n  name = "x"\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    expect(
      result.findings.map((finding) => [finding.range.start.line, finding.range.start.column, finding.message]),
    ).toEqual([
      [
        1,
        1,
        'Module calls itself: Module "self" calls a module that is already calling it (./); Terraform rejects module cycles, and its instances are not evaluated.',
      ],
    ]);
  });

  it("report a local module with no Terraform files as an unresolved module (a warning), not a parse error, and go on", async () => {
    const directory = freshDirectory("iflint-missing-module-");
    writeFileSync(
      join(directory, "main.tf"),
      'module "shared" {\n  source = "../../sibling-repo/modules/shared"\n}\nresource "aws_cloudfront_distribution" "x" {\n  comment = module.shared.name\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-002")!] });
    expect(
      result.findings.map((finding) => [
        finding.ruleId,
        finding.category,
        finding.severity,
        finding.range.start.line,
        finding.range.start.column,
      ]),
    ).toEqual([
      ["module-not-found", "incomplete", "warning", 1, 1],
      ["IFL-WAF-002", "waf", "error", 4, 1],
    ]);
    expect(result.findings[0].message).toMatch(
      /^Module not found: Expected Terraform files in \.\.\/\.\.\/sibling-repo\/modules\/shared \(module "shared"\)/,
    );
    const json = JSON.parse(renderJson(result));
    expect(json.summary).toMatchObject({ parseErrors: 0, incompleteInputs: 1 });
  });

  it("treat a path into .terraform/modules that terraform init has not filled as a remote module, without a warning", async () => {
    const directory = freshDirectory("iflint-dot-terraform-");
    writeFileSync(
      join(directory, "main.tf"),
      'module "v3" {\n  source = "./.terraform/modules/__v3__/app_service"\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    expect(result.findings).toEqual([]);
    expect(result.remoteModules).toBe(1);
    expect(renderText(result, { color: false }).trim()).toBe(
      "No findings; 1 file scanned; 1 remote module call not evaluated (run terraform init to include them).",
    );
  });
});

describe("files of the repository", () => {
  it("render templatefile() with only the variables given, and read data.local_file content (yamldecode)", async () => {
    const directory = freshDirectory("iflint-files-");
    writeFileSync(
      join(directory, "env.tpl"),
      '[%{ for k, v in env }{"name":"${k}","value":"${v}"}%{ if k != last },%{ endif }%{ endfor }]',
    );
    writeFileSync(join(directory, "records.yml"), "records:\n  - name: bastion\n    ip: 10.20.1.12\n");
    writeFileSync(
      join(directory, "main.tf"),
      [
        'variable "unset" {}',
        'data "local_file" "records" {',
        '  filename = "${path.cwd}/records.yml"',
        "}",
        "locals {",
        "  records = yamldecode(data.local_file.records.content).records",
        "}",
        'resource "null_resource" "x" {',
        "  triggers = {",
        '    env     = templatefile("${path.module}/env.tpl", { env = { DB_HOST = "10.1.2.3", Z = "z" }, last = "Z" })',
        '    partial = templatefile("${path.module}/env.tpl", { env = { A = var.unset }, last = "A" })',
        "    ip      = local.records[0].ip",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    const triggers = attributeValue(result, "null_resource.x", "triggers") as Record<string, Value>;
    expect(triggers.env).toBe('[{"name":"DB_HOST","value":"10.1.2.3"},{"name":"Z","value":"z"}]');
    expect(isUnknown(triggers.partial)).toBe(true);
    expect(triggers.ip).toBe("10.20.1.12");
  });
});

describe("relative paths in file() and fileexists()", () => {
  it("resolve against the root module's directory wherever iflint runs, and path.module is relative to it", () => {
    const directory = freshDirectory("iflint-relative-");
    mkdirSync(join(directory, "env", "modules", "vpn"), { recursive: true });
    writeFileSync(join(directory, "env", "attachments.json"), '{ "psn": "10.1.0.1" }');
    mkdirSync(join(directory, "shared"));
    writeFileSync(join(directory, "shared", "dns.txt"), "10.3.0.1");
    writeFileSync(join(directory, "env", "modules", "vpn", "peer.txt"), "10.2.0.1");
    writeFileSync(
      join(directory, "env", "modules", "vpn", "main.tf"),
      'output "peer" {\n  value = file("${path.module}/peer.txt")\n}\noutput "where" {\n  value = path.module\n}\n',
    );
    writeFileSync(
      join(directory, "env", "main.tf"),
      'module "vpn" {\n  source = "./modules/vpn"\n}\nresource "null_resource" "x" {\n  triggers = {\n    attachments = fileexists("./attachments.json") ? jsondecode(file("./attachments.json")).psn : "none"\n    peer        = module.vpn.peer\n    dns         = file("../shared/dns.txt")\n    where       = module.vpn.where\n  }\n}\n',
    );
    // From the directory, from the root module, and from elsewhere (the scanned tree bounds what is read).
    for (const cwd of [directory, join(directory, "env"), repoRoot]) {
      const triggers = attributeValue(scan({ paths: [directory], cwd, rules: [] }), "null_resource.x", "triggers");
      expect(triggers).toEqual({ attachments: "10.1.0.1", peer: "10.2.0.1", where: "modules/vpn", dns: "10.3.0.1" });
    }
  });
});

const PUBLIC_ZONE = [
  'resource "azurerm_dns_zone" "public" {',
  '  name                = "example-trust.nhs.uk"',
  '  resource_group_name = "rg-dns"',
  "}",
];

/** The lines of an `azurerm_dns_a_record` in PUBLIC_ZONE, one per `for_each` element. */
function aRecords(name: string, forEach: string, recordName: string, records: string): string[] {
  return [
    `resource "azurerm_dns_a_record" "${name}" {`,
    `  for_each            = ${forEach}`,
    `  name                = ${recordName}`,
    "  zone_name           = azurerm_dns_zone.public.name",
    '  resource_group_name = "rg-dns"',
    "  ttl                 = 300",
    `  records             = ${records}`,
    "}",
  ];
}

/** IFL-ADDR-004's findings in a directory, as `file:line:column resource`. */
function privateAddressFindings(directory: string): string[] {
  return scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-ADDR-004")!] }).findings.map(
    (finding) =>
      `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column} ${finding.resource}`,
  );
}

describe("values decoded from the repository's YAML and JSON files", () => {
  it("give findings the position in that file where the value is written", async () => {
    const directory = freshDirectory("iflint-decoded-");
    writeFileSync(
      join(directory, "records.yml"),
      'A:\n  - name: bastion\n    record:\n      - "203.0.113.7"\n      - "10.20.1.12"\n',
    );
    writeFileSync(
      join(directory, "records.json"),
      '{\n  "A": [\n    { "name": "legacy", "record": ["172.16.4.2"] }\n  ]\n}\n',
    );
    writeFileSync(
      join(directory, "main.tf"),
      [
        ...PUBLIC_ZONE,
        "locals {",
        '  records = concat(yamldecode(file("${path.module}/records.yml")).A, jsondecode(file("${path.module}/records.json")).A)',
        "}",
        ...aRecords("each", "{ for r in local.records : r.name => r }", "each.value.name", "each.value.record"),
        "",
      ].join("\n"),
    );
    expect(privateAddressFindings(directory)).toEqual([
      'records.json:3:36 azurerm_dns_a_record.each["legacy"]',
      'records.yml:5:9 azurerm_dns_a_record.each["bastion"]',
    ]);
  });

  it("from files fileset lists (within the scan) make an instance per file, and point into each", async () => {
    const directory = freshDirectory("iflint-decoded-fileset-");
    const outside = freshDirectory("iflint-decoded-fileset-outside-");
    mkdirSync(join(directory, "records", "more"), { recursive: true });
    writeFileSync(join(directory, "records", "bastion.json"), '{ "record": ["203.0.113.7"] }\n');
    writeFileSync(join(directory, "records", "more", "legacy.json"), '{ "record": ["10.20.1.12"] }\n');
    writeFileSync(join(directory, "records", "notes.txt"), "not a record\n");
    writeFileSync(join(outside, "secret.json"), '{ "record": ["10.9.9.9"] }\n');
    symlinkSync(join(outside, "secret.json"), join(directory, "records", "secret.json"));
    writeFileSync(
      join(directory, "main.tf"),
      [
        ...PUBLIC_ZONE,
        ...aRecords(
          "each",
          'fileset(path.module, "records/**/*.json")',
          'replace(basename(each.value), ".json", "")',
          'jsondecode(file("${path.module}/${each.value}")).record',
        ),
        "",
      ].join("\n"),
    );
    // The link out is discovery's warning, never a record.
    expect(privateAddressFindings(directory)).toEqual([
      'records/more/legacy.json:1:14 azurerm_dns_a_record.each["records/more/legacy.json"]',
      "records/secret.json:1:1 undefined",
    ]);
  });

  it("from CSV (csvdecode) make an instance per record, as setproduct's combinations do", async () => {
    const directory = freshDirectory("iflint-decoded-csv-");
    writeFileSync(join(directory, "records.csv"), "name,address\nbastion,203.0.113.7\nlegacy,10.20.1.12\n");
    writeFileSync(
      join(directory, "main.tf"),
      [
        ...PUBLIC_ZONE,
        ...aRecords(
          "each",
          '{ for r in csvdecode(file("${path.module}/records.csv")) : r.name => r }',
          "each.value.name",
          "[each.value.address]",
        ),
        ...aRecords(
          "pairs",
          '{ for pair in setproduct(["app", "api"], ["10.1.0.1"]) : pair[0] => pair[1] }',
          "each.key",
          "[each.value]",
        ),
        "",
      ].join("\n"),
    );
    expect(privateAddressFindings(directory)).toEqual([
      // The list is written in main.tf, around the value read from the CSV.
      'main.tf:11:26 azurerm_dns_a_record.each["legacy"]',
      'main.tf:19:26 azurerm_dns_a_record.pairs["api"]',
      'main.tf:19:26 azurerm_dns_a_record.pairs["app"]',
    ]);
  });
});

describe("encrypted files (git-crypt)", () => {
  it("are one warning each, and a root whose variables file is encrypted has its variables unknown", async () => {
    const directory = freshDirectory("iflint-git-crypt-");
    const encrypted = Buffer.concat([
      Buffer.from("\u0000GITCRYPT\u0000", "latin1"),
      Buffer.from([0x8f, 0x00, 0xff, 0x12, 0x0a, 0x00, 0x9c]),
    ]);
    writeFileSync(join(directory, "terraform.tfvars"), encrypted);
    writeFileSync(join(directory, "secrets.tf"), encrypted);
    writeFileSync(
      join(directory, "main.tf"),
      'variable "internal" {\n  default = false\n}\nresource "aws_lb" "web" {\n  internal = var.internal\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
    expect(
      result.findings.map((finding) => [finding.ruleId, finding.category, finding.severity, finding.range.file.path]),
    ).toEqual([
      ["file-encrypted", "incomplete", "warning", "secrets.tf"],
      ["file-encrypted", "incomplete", "warning", "terraform.tfvars"],
    ]);
    expect(isUnknown(result.estate.resources[0].value("internal"))).toBe(true);
  });
});

describe("local emulators", () => {
  it("leave out the AWS resources of a root whose provider sends every call to LocalStack on localhost", () => {
    const directory = freshDirectory("iflint-localstack-");
    mkdirSync(join(directory, "local"));
    mkdirSync(join(directory, "live"));
    const stage =
      'resource "aws_api_gateway_rest_api" "api" {\n  name = "api"\n}\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "main"\n}\n';
    writeFileSync(
      join(directory, "local", "main.tf"),
      `provider "aws" {\n  region = "eu-west-2"\n  endpoints {\n    apigateway = "http://localhost:4566"\n  }\n}\n${stage}`,
    );
    writeFileSync(join(directory, "live", "main.tf"), `provider "aws" {\n  region = "eu-west-2"\n}\n${stage}`);
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-003")!] });
    expect(result.estate.resources.map((resource) => `${resource.module.root} ${resource.address}`)).toEqual([
      "live aws_api_gateway_rest_api.api",
      "live aws_api_gateway_stage.s",
    ]);
    expect(result.findings.map((finding) => finding.range.file.path)).toEqual(["live/main.tf"]);
  });

  it("leave out what such a root leaves unread: its missing local modules and remote modules, not another root's", () => {
    const directory = freshDirectory("iflint-localstack-modules-");
    mkdirSync(join(directory, "local"));
    mkdirSync(join(directory, "live"));
    const modules =
      'module "table" {\n  source = "./modules/table"\n}\nmodule "queue" {\n  source  = "terraform-aws-modules/sqs/aws"\n  version = "4.0.0"\n}\n';
    writeFileSync(
      join(directory, "local", "main.tf"),
      `provider "aws" {\n  region = "us-east-1"\n  endpoints {\n    s3       = "http://localhost:4566"\n    dynamodb = "http://localhost:4566"\n  }\n}\n${modules}`,
    );
    writeFileSync(join(directory, "live", "main.tf"), `provider "aws" {\n  region = "eu-west-2"\n}\n${modules}`);
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    expect(
      result.findings.map(
        (finding) =>
          `${finding.ruleId} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
      ),
    ).toEqual(["module-not-found live/main.tf:4:1"]);
    expect(result.remoteModules).toBe(1);
  });
});

describe("lifecycle ignore_changes", () => {
  it("makes the arguments it names unknown (nested blocks read as dynamic), and every one with all", async () => {
    const directory = freshDirectory("iflint-ignore-changes-");
    writeFileSync(
      join(directory, "main.tf"),
      'resource "azurerm_linux_web_app" "named" {\n  https_only = false\n  name       = "kept"\n  site_config {\n    minimum_tls_version = "1.0"\n  }\n  lifecycle {\n    ignore_changes = [https_only, site_config[0].minimum_tls_version, tags["x"]]\n  }\n}\nresource "azurerm_linux_web_app" "all" {\n  https_only = false\n  lifecycle {\n    ignore_changes = all\n  }\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    const [named, all] = result.estate.resources;
    expect(isUnknown(named.value("https_only"))).toBe(true);
    expect(isUnknown(named.value("tags"))).toBe(true);
    expect(named.value("name")).toBe("kept");
    expect(named.blocksOfType("site_config")).toEqual([]);
    expect(named.blocksOfType("dynamic").map((block) => block.labels[0])).toEqual(["site_config"]);
    expect(isUnknown(all.value("https_only"))).toBe(true);
    expect(isUnknown(all.value("minimum_tls_version"))).toBe(true);
  });
});

describe("module inputs", () => {
  it("are evaluated only when read, so an output that ignores an input makes no cycle through it", async () => {
    const directory = freshDirectory("iflint-lazy-inputs-");
    mkdirSync(join(directory, "site"));
    writeFileSync(
      join(directory, "site", "main.tf"),
      'variable "dns_zone" {}\nvariable "name" {}\noutput "host" {\n  value = "${var.name}.azurewebsites.net"\n}\n',
    );
    writeFileSync(
      join(directory, "main.tf"),
      'locals {\n  zone = "privatelink.${module.site.host}"\n}\nmodule "site" {\n  source   = "./site"\n  name     = "booking"\n  dns_zone = local.zone\n}\nresource "null_resource" "x" {\n  triggers = { zone = local.zone }\n}\n',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [], evaluateAll: true });
    expect(result.findings).toEqual([]);
    expect(
      (
        result.estate.resources.find((resource) => resource.address === "null_resource.x")?.value("triggers") as Record<
          string,
          Value
        >
      ).zone,
    ).toBe("privatelink.booking.azurewebsites.net");
  });
});

describe("library modules", () => {
  const library = (aliases: boolean) =>
    `terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n${aliases ? "      configuration_aliases = [aws.us_east_1]\n" : ""}    }\n  }\n}\nvariable "web_acl_id" {\n  default = null\n}\nresource "aws_cloudfront_distribution" "this" {\n  web_acl_id = var.web_acl_id\n}\n`;

  it("that declare configuration_aliases take their inputs from a caller outside the scan: unknown, not the defaults", async () => {
    const directory = freshDirectory("iflint-library-");
    writeFileSync(join(directory, "main.tf"), library(true));
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-002")!] });
    expect(result.findings).toEqual([]);
    expect(isUnknown(result.estate.resources[0].value("web_acl_id"))).toBe(true);
  });

  it("that configure a provider are roots, configuration_aliases or not (a test harness deploys them)", async () => {
    const directory = freshDirectory("iflint-library-");
    writeFileSync(
      join(directory, "main.tf"),
      `${library(true)}provider "aws" {\n  alias  = "us_east_1"\n  region = "us-east-1"\n}\n`,
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-002")!] });
    expect(result.findings.map((finding) => [finding.ruleId, finding.certainty])).toEqual([["IFL-WAF-002", "default"]]);
  });

  it("without them are roots judged with their defaults", async () => {
    const directory = freshDirectory("iflint-library-");
    writeFileSync(join(directory, "main.tf"), library(false));
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-002")!] });
    expect(result.findings.map((finding) => [finding.ruleId, finding.certainty])).toEqual([["IFL-WAF-002", "default"]]);
  });
});

describe("what is known of unknown values", () => {
  it("keeps a template's fixed text, a conditional's results and the structure jsonencode was given", () => {
    const directory = freshDirectory("iflint-known-");
    writeFileSync(
      join(directory, "main.tf"),
      `variable "env" { type = string }
variable "flag" { type = bool }
resource "aws_ssm_parameter" "p" {
  template = "https://api.\${var.env}.example.org/x"
  choice   = var.flag ? "a" : "b"
  json     = jsonencode({ known = "yes", unknown = var.env })
  whole    = var.env
}
`,
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [] });
    const known = (name: string) => {
      const value = attributeValue(result, "aws_ssm_parameter.p", name);
      return isUnknown(value) ? value.known : "known";
    };
    const template = known("template");
    expect(template && template !== "known" && template.kind).toBe("text");
    expect(
      template && template !== "known" && template.kind === "text"
        ? template.parts.map((part) => (typeof part === "string" ? part : `<${part.reason}>`))
        : [],
    ).toEqual(["https://api.", "<var.env (no value given)>", ".example.org/x"]);
    expect(known("choice")).toEqual({ kind: "choice", values: ["a", "b"] });
    const json = known("json");
    expect(json && json !== "known" && json.kind === "json" && (json.value as Record<string, Value>).known).toBe("yes");
    expect(known("whole")).toBeUndefined();
  });
});
