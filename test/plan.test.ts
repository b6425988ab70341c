/** The implementation plan: ordered changes per service that is not ready, estate-wide last. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { buildRegister } from "../src/register/build-register.js";
import { buildPlan, PLAN_ORDER } from "../src/register/build-plan.js";
import { renderPlanMarkdown } from "../src/reporters/plan.js";
import { repoRoot } from "./support/rule-harness.js";

const result = scan({ paths: [join(repoRoot, "examples", "nhs-trust")], cwd: repoRoot });
const plan = buildPlan(buildRegister(result.estate, result.findings), result.findings);

describe("implementation plan", () => {
  it("has a group per service or name that is not ready, most urgent first, then estate-wide changes", () => {
    expect(plan.map((group) => [group.service, group.severity, group.exposure])).toEqual([
      ["Patient leaflets", "error", "internet-facing"],
      ["GP referrals", "error", "internet-facing"],
      ["PACS viewer", "error", "internet-facing"],
      ["agw-referrals", "error", "internet-facing"],
      ["appointments-api.example-trust.nhs.uk", "error", "internet-facing"],
      ["pas.services.example-trust.nhs.uk", "error", "internet-facing"],
      ["rota.example-trust.nhs.uk", "error", "internet-facing"],
      // Warnings: internet-facing before private-only.
      ["intranet.example-trust.nhs.uk", "warning", "internet-facing"],
      ["GP referrals API", "warning", "private-only"],
      ["Estate-wide", undefined, undefined],
    ]);
  });

  it("puts a service with more errors first, then services before names", () => {
    const leaflets = plan[0].steps.flatMap((step) => step.findings);
    expect(leaflets.length).toBe(3);
    const sections = plan.filter((group) => group.severity === "error").map((group) => group.section);
    expect(sections).toEqual([...sections].sort((a, b) => (a === b ? 0 : a === "service" ? -1 : 1)));
    expect(sections).toContain("name");
  });

  it("orders the changes: addresses, then TLS, then WAF, with each finding once", () => {
    const pacs = plan.find((group) => group.resource === "aws_lb.pacs (examples/nhs-trust)")!;
    expect(pacs.steps.map((step) => [step.order, step.change, step.findings.map((finding) => finding.ruleId)])).toEqual(
      [
        [1, "Publish the service on public addresses and public DNS names", ["IFL-ADDR-002"]],
        [2, "Enforce TLS 1.2 or later and redirect HTTP to HTTPS", ["IFL-TLS-001"]],
        [3, "Put a web application firewall in front of the service", ["IFL-WAF-001"]],
      ],
    );
    expect(pacs.steps[1].files).toEqual(["examples/nhs-trust/legacy-pacs.tf"]);
    const all = plan.flatMap((group) =>
      group.steps.flatMap((step) => step.findings.map((finding) => `${finding.ruleId}@${finding.location}`)),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it("puts circuits, capacity and data services in the estate-wide group, on both clouds", () => {
    const estate = plan.find((group) => group.service === "Estate-wide")!;
    // Numbered 1..n within the group, whichever kinds of change it needs.
    expect(estate.steps.map((step) => step.order)).toEqual([1, 2, 3]);
    expect(estate.steps[0].findings.map((finding) => finding.ruleId)).toEqual(["IFL-TLS-007"]);
    expect(estate.steps.at(-1)?.findings.map((finding) => finding.ruleId)).toEqual([
      "IFL-BW-003",
      "IFL-BW-003",
      "IFL-BW-001",
      "IFL-BW-001",
      "IFL-BW-002",
    ]);
  });

  it("plans a DNS name that points at a service with that service", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const directory = mkdtempSync(join(tmpdir(), "iflint-plan-order-"));
    writeFileSync(
      join(directory, "main.tf"),
      'resource "aws_route53_zone" "z" {\n  name = "example.org"\n}\nresource "aws_route53_record" "a" {\n  zone_id = aws_route53_zone.z.zone_id\n  name    = "a.example.org"\n  type    = "A"\n  records = ["10.0.0.1"]\n  alias {\n    name    = aws_cloudfront_distribution.site.domain_name\n    zone_id = "Z2FDTNDATAQYW2"\n    evaluate_target_health = false\n  }\n}\nresource "aws_cloudfront_distribution" "site" {\n  enabled = true\n}\n',
    );
    const scanned = scan({ paths: [directory], cwd: directory });
    const ordered = buildPlan(buildRegister(scanned.estate, scanned.findings), scanned.findings);
    expect(ordered.map((group) => group.resource)).toEqual(["aws_cloudfront_distribution.site (.)"]);
    expect(ordered[0].steps.flatMap((step) => step.findings.map((finding) => finding.location))).toContain("main.tf:8");
  });

  it("gives each dependency on a national service a step of its own, with the private-network steps", () => {
    const fixture = join(repoRoot, "fixtures", "register", "several-names");
    const scanned = scan({ paths: [fixture], cwd: fixture });
    const groups = buildPlan(buildRegister(scanned.estate, scanned.findings), scanned.findings);
    const stepsOf = (service: string) =>
      groups.find((group) => group.service === service)?.steps.map((step) => [step.order, step.change]);
    expect(stepsOf("Outpatient letters")).toEqual([
      [1, "Enforce TLS 1.2 or later and redirect HTTP to HTTPS"],
      [
        2,
        "Find an internet route for Spine national services and Spine-registered endpoints (HSCN namespace) (pds.ncrs.nhs.uk), used by aws_ecs_task_definition.letters container_definitions: none is known yet",
      ],
      [
        3,
        "Move aws_ssm_parameter.mesh value from mesh-sync.national.ncrs.nhs.uk (MESH over HSCN, production) to MESH API / MESH client over the internet at mesh-sync.spineservices.nhs.uk",
      ],
    ]);
    expect(stepsOf("Estate-wide")).toEqual([
      [
        1,
        "Move aws_ssm_parameter.sds value from ldap.nis1.national.ncrs.nhs.uk (Spine Directory Service (SDS) LDAP, integration) to Spine Directory Service - FHIR API (API platform, integration) at int.api.service.nhs.uk",
      ],
    ]);
    expect(groups.find((group) => group.service === "Estate-wide")?.steps[0].dependency).toMatchObject({
      host: "ldap.nis1.national.ncrs.nhs.uk",
      location: "web/main.tf:89:11",
    });
  });

  it("renders Markdown and JSON through iflint plan", () => {
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain(
      "## 3. PACS viewer (`aws_lb.pacs (examples/nhs-trust)`)\n\nErrors on a service that is internet-facing.\n\n1. **Publish",
    );
    expect(markdown.split("\n")[2]).toBe(PLAN_ORDER);
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, "dist", "src", "cli", "main.js"), "plan", "examples/nhs-trust", "--format", "json"],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { order: string; plan: unknown[] };
    expect(json.plan).toHaveLength(10);
    expect(json.order).toBe(PLAN_ORDER);
  });
});
