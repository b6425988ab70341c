/** Indexed references are followed like plain ones by the estate's reference helpers (issue 13, point 5). */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";

function scanned(files: Record<string, string>) {
  const directory = mkdtempSync(join(tmpdir(), "iflint-indexed-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(directory, path, ".."), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  return scan({ paths: [directory], cwd: directory });
}

const LISTENERS = `resource "aws_lb" "web" {
  for_each = toset(["a", "b"])
  name     = each.key
  internal = false
}

resource "aws_lb_listener" "front" {
  count             = 1
  load_balancer_arn = aws_lb.web["a"].arn
  port              = 443
}

resource "aws_lb_listener" "plain" {
  load_balancer_arn = aws_lb.web["b"].arn
  port              = 443
}

module "edge" {
  count  = 1
  source = "./edge"
}

resource "aws_wafv2_web_acl_association" "by_index" {
  resource_arn = aws_lb_listener.front[0].load_balancer_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/main/1"
}

resource "aws_wafv2_web_acl_association" "plain" {
  resource_arn = aws_lb_listener.plain.load_balancer_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/main/1"
}

resource "aws_wafv2_web_acl_association" "module" {
  resource_arn = module.edge[0].arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/main/1"
}
`;

describe("indexed references", () => {
  it("lead to the same resource instance as the unindexed form", () => {
    const { estate, findings } = scanned({
      "main.tf": LISTENERS,
      "edge/main.tf":
        'resource "aws_lb" "edge" {\n  internal = false\n}\n\noutput "arn" {\n  value = aws_lb.edge.arn\n}\n',
    });
    const target = (association: string) =>
      estate
        .referencedResources(
          estate.resources.find((resource) => resource.address === association)?.value("resource_arn"),
        )
        .map((resource) => resource.address);
    expect(target("aws_wafv2_web_acl_association.by_index")).toEqual(['aws_lb.web["a"]']);
    expect(target("aws_wafv2_web_acl_association.plain")).toEqual(['aws_lb.web["b"]']);
    expect(target("aws_wafv2_web_acl_association.module")).toEqual(["module.edge[0].aws_lb.edge"]);
    expect(findings.filter((finding) => finding.ruleId === "IFL-WAF-001")).toEqual([]);
  });
});
