import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-014", {
  fail: [
    {
      file: "fail/cdktf/main.ts",
      line: 15,
      column: 14,
      resource: "aws_ssm_parameter.scr",
      message:
        "aws_ssm_parameter.scr value names portal2.national.ncrs.nhs.uk (Summary Care Record application (SCRa) on the Spine portal), reachable only over HSCN; use National Care Records Service (NCRS) / SCR FHIR API",
    },
    {
      file: "fail/cdktf/main.ts",
      line: 17,
      column: 83,
      resource: "aws_ssm_parameter.pds",
      message:
        "aws_ssm_parameter.pds value names pds-sync.nis1.national.ncrs.nhs.uk (Personal Demographics Service HL7 V3 (sync messaging via Spine), integration address); check whether it is reachable over the internet (the catalogue is uncertain) and record the dependency",
    },
    {
      file: "fail/main.tf",
      line: 15,
      column: 61,
      resource: "aws_ecs_task_definition.mhs",
      message:
        "aws_ecs_task_definition.mhs container_definitions names msg.int.spine2.ncrs.nhs.uk (Spine messaging (MHS ebXML reliable/sync messaging) and MESH over HSCN, integration), reachable only over HSCN; use MESH API / MESH client over the internet (integration) at msg.intspineservices.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 16,
      column: 39,
      resource: "aws_ecs_task_definition.mhs",
      message:
        "aws_ecs_task_definition.mhs container_definitions names ldap.nis1.national.ncrs.nhs.uk (Spine Directory Service (SDS) LDAP, integration), reachable only over HSCN; use Spine Directory Service - FHIR API (API platform, integration) at int.api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 24,
      column: 11,
      resource: "aws_ssm_parameter.spine_proxy",
      message:
        "aws_ssm_parameter.spine_proxy value names proxy.int.spine2.ncrs.nhs.uk (Spine Secure Proxy (SSP) for GP Connect and other brokered FHIR APIs, integration (HSCN)), reachable only over HSCN; use Clinical Data Gateway API on the API platform (GP Connect Access Record: Structured over the internet) at api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 36,
      column: 18,
      resource: "aws_lambda_function.ers_poller",
      message:
        "aws_lambda_function.ers_poller variables names dev3.ers.ncrs.nhs.uk (e-Referral Service (e-RS) APIs over HSCN (dev/int/dep/live)), reachable only over HSCN; use e-Referral Service - FHIR API on the API platform at api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 37,
      column: 18,
      resource: "aws_lambda_function.ers_poller",
      message:
        "aws_lambda_function.ers_poller variables names mesh-sync.national.ncrs.nhs.uk (MESH over HSCN, production), reachable only over HSCN; use MESH API / MESH client over the internet at mesh-sync.spineservices.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 38,
      column: 18,
      resource: "aws_lambda_function.ers_poller",
      message:
        "aws_lambda_function.ers_poller variables names am.nhsspit-2.ptl.nhsd-esa.net (Legacy NHS Identity sandpit (pre-CIS2 OIDC PTL)); check whether it is reachable over the internet (the catalogue does not know its network) and record the dependency",
    },
    {
      file: "fail/main.tf",
      line: 61,
      column: 56,
      resource: "aws_ecs_task_definition.gp2gp",
      message:
        "aws_ecs_task_definition.gp2gp container_definitions names msg.dep.spine2.ncrs.nhs.uk (Spine messaging and MESH over HSCN, deployment), reachable only over HSCN; use MESH API over the internet (deployment) at msg.depspineservices.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 69,
      column: 11,
      resource: "aws_ssm_parameter.ers_base",
      message:
        "aws_ssm_parameter.ers_base value names api.${...}.ers.ncrs.nhs.uk (e-Referral Service (e-RS) APIs over HSCN (dev/int/dep/live)), reachable only over HSCN; use e-Referral Service - FHIR API on the API platform at api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 76,
      column: 11,
      resource: "aws_ssm_parameter.sds",
      message:
        "aws_ssm_parameter.sds value names ldap.nis1.national.ncrs.nhs.uk (Spine Directory Service (SDS) LDAP, integration), reachable only over HSCN; use Spine Directory Service - FHIR API (API platform, integration) at int.api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 92,
      column: 11,
      resource: "aws_ssm_parameter.sds_training",
      message:
        "aws_ssm_parameter.sds_training value names ldap.tsp.national.ncrs.nhs.uk (Spine Directory Service (SDS) LDAP, training), reachable only over HSCN; no internet route is known yet: record the dependency on the register and the plan",
    },
    {
      file: "fail/main.tf",
      line: 98,
      column: 11,
      resource: "aws_ssm_parameter.smtp_relay",
      message:
        "aws_ssm_parameter.smtp_relay value names relay.nhs.uk (NHSmail relay (Email Gateway, anonymous SMTP)), reachable only over HSCN; use NHSmail authenticated application account (Exchange Online) at outlook.office365.com",
    },
    {
      file: "fail/openapi.tf",
      line: 9,
      column: 10,
      resource: "aws_api_gateway_rest_api.pointers",
      message:
        "aws_api_gateway_rest_api.pointers body names proxy.int.spine2.ncrs.nhs.uk (Spine Secure Proxy (SSP) for GP Connect and other brokered FHIR APIs, integration (HSCN)), reachable only over HSCN; use Clinical Data Gateway API on the API platform (GP Connect Access Record: Structured over the internet) at api.service.nhs.uk",
    },
    {
      file: "fail/plan/tfplan.json",
      line: 17,
      column: 22,
      resource: "aws_ssm_parameter.mesh_inbox",
      message:
        "aws_ssm_parameter.mesh_inbox value names mesh-sync.national.ncrs.nhs.uk (MESH over HSCN, production), reachable only over HSCN; use MESH API / MESH client over the internet at mesh-sync.spineservices.nhs.uk",
    },
    {
      file: "fail/private-endpoints.tf",
      line: 10,
      column: 18,
      resource: "aws_lambda_function.pacs_sync",
      message:
        "aws_lambda_function.pacs_sync variables names pacs.hscn.example-trust.nhs.uk (the organisation's private endpoint: only on the trust's HSCN-facing DNS), reachable only over HSCN; no internet route is known yet: record the dependency on the register and the plan",
    },
  ],
});

it("IFL-EXP-014 reports a host that comes through a variable or a local at the reference, with a trace to where it was written", () => {
  const { findings } = scanRuleFixture(findRule("IFL-EXP-014")!, "fail");
  const traced = (resource: string) => {
    const finding = findings.find((item) => item.resource === resource)!;
    return {
      certainty: finding.certainty,
      trace: finding.trace.map((step) => `${step.range.file.path}:${step.range.start.line}:${step.range.start.column}`),
    };
  };
  expect(traced("aws_ssm_parameter.sds_training")).toEqual({ certainty: "definite", trace: ["fail/main.tf:81:3"] });
  expect(traced("aws_ssm_parameter.smtp_relay")).toEqual({ certainty: "default", trace: ["fail/main.tf:86:13"] });
  expect(traced("aws_ecs_task_definition.mhs").trace).toEqual(["fail/terraform.tfvars:1:1"]);
});

it("IFL-EXP-014 places CDKTF findings in the TypeScript and plan findings in the plan JSON", () => {
  const { findings } = scanRuleFixture(findRule("IFL-EXP-014")!, "fail");
  const files = [...new Set(findings.map((finding) => finding.range.file.path))];
  expect(files).toEqual([
    "fail/cdktf/main.ts",
    "fail/main.tf",
    "fail/openapi.tf",
    "fail/plan/tfplan.json",
    "fail/private-endpoints.tf",
  ]);
});

describe("IFL-EXP-014 on an OpenAPI document", () => {
  const at = (range: { file: { path: string }; start: { line: number; column: number } }) =>
    `${range.file.path}:${range.start.line}:${range.start.column}`;

  it("reports a host the API's configuration names once per resource, pointing at each line of the template that writes it", () => {
    const { findings } = scanRuleFixture(findRule("IFL-EXP-014")!, "fail");
    const pointers = findings.filter((finding) => finding.resource === "aws_api_gateway_rest_api.pointers");
    expect(pointers.map((finding) => [at(finding.range), finding.data?.host])).toEqual([
      ["fail/openapi.tf:9:10", "proxy.int.spine2.ncrs.nhs.uk"],
    ]);
    expect(pointers[0].related.map((item) => `${at(item.range)} ${item.message}`)).toEqual([
      "fail/openapi/pointers.yaml:30:22 proxy.int.spine2.ncrs.nhs.uk is written here",
      "fail/openapi/pointers.yaml:35:22 proxy.int.spine2.ncrs.nhs.uk is written here",
    ]);
  });

  /** Scans one directory of files (path → text) with the rule, as its own repository. */
  const scanFiles = (files: Record<string, string>) => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-exp014-openapi-"));
    mkdirSync(join(directory, ".git"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), text);
    }
    return scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-EXP-014")!] }).findings;
  };

  const SPEC = `openapi: 3.0.1
info:
  title: records
  version: "1"
paths:
  /records:
    get:
      description: Records, as https://mesh-sync.national.ncrs.nhs.uk/ publishes them
      parameters:
        - name: source
          in: query
          examples:
            mesh:
              value: https://mesh-sync.national.ncrs.nhs.uk/inbox
      x-amazon-apigateway-integration:
        type: http_proxy
        uri: \${backend}
`;

  it("skips examples and descriptions whether the document is a YAML template, JSON text or decoded", () => {
    const api = (body: string) =>
      `resource "aws_api_gateway_rest_api" "api" {\n  name = "records"\n  body = ${body}\n}\n`;
    expect(
      scanFiles({
        "main.tf": api(`templatefile("\${path.module}/spec.yaml", { backend = "https://example.org" })`),
        "spec.yaml": SPEC,
      }),
    ).toEqual([]);
    expect(
      scanFiles({ "main.tf": api(`jsonencode(yamldecode(file("\${path.module}/spec.yaml")))`), "spec.yaml": SPEC }),
    ).toEqual([]);
    expect(
      scanFiles({
        "main.tf": `variable "b" {}\n${api(`templatefile("\${path.module}/spec.yaml", { backend = var.b })`)}`,
        "spec.yaml": SPEC,
      }),
    ).toEqual([]);
  });

  it("still reports a host the API is configured with, from a value given to the template, at the attribute", () => {
    const findings = scanFiles({
      "main.tf": `resource "aws_api_gateway_rest_api" "api" {
  name = "records"
  body = templatefile("\${path.module}/spec.yaml", { backend = "https://mesh-sync.national.ncrs.nhs.uk/records" })
}
`,
      "spec.yaml": SPEC,
    });
    expect(findings.map((finding) => [finding.ruleId, at(finding.range), finding.data?.host, finding.related])).toEqual(
      [["IFL-EXP-014", "main.tf:3:10", "mesh-sync.national.ncrs.nhs.uk", []]],
    );
  });

  it("reports a host written twice in one resource once, at its first place", () => {
    const findings = scanFiles({
      "main.tf": `resource "aws_ssm_parameter" "mesh" {
  name  = "/mesh/urls"
  type  = "String"
  value = "inbox=https://mesh-sync.national.ncrs.nhs.uk/inbox;outbox=https://mesh-sync.national.ncrs.nhs.uk/outbox"
}
`,
    });
    expect(findings.map((finding) => [at(finding.range), finding.data?.host])).toEqual([
      ["main.tf:4:11", "mesh-sync.national.ncrs.nhs.uk"],
    ]);
  });
});
