/** One test over every rule: ids, metadata, fixtures, messages used, docs in sync. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { guidanceSections } from "../src/engine/guidance.js";
import { renderRuleIndex, renderRulePage, replaceReadmeRules, rulePagePath } from "../src/docs/rule-docs.js";
import { renderGuidanceDoc } from "../src/docs/guidance-doc.js";
import { repoRoot, scanWithRule } from "./support/rule-harness.js";

const CATEGORIES = ["private-addressing", "tls", "waf", "bandwidth", "dns", "exposure"];

describe("rule catalogue", () => {
  it("has unique, well-formed ids and names", () => {
    const ids = allRules.map((rule) => rule.meta.id);
    const names = allRules.map((rule) => rule.meta.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of allRules) {
      expect(rule.meta.id).toMatch(/^IFL-[A-Z]+-\d{3}$/);
      expect(rule.meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(CATEGORIES).toContain(rule.meta.category);
      expect(rule.meta.title.length).toBeGreaterThan(10);
      expect(rule.meta.rationale.length).toBeGreaterThan(20);
      expect(rule.meta.remediation.length).toBeGreaterThan(20);
      expect(rule.meta.links.length).toBeGreaterThan(0);
    }
  });

  it("cites only guidance sections that exist", () => {
    const known = new Set(guidanceSections().map((section) => section.id));
    for (const rule of allRules) {
      expect(rule.meta.guidance.length, rule.meta.id).toBeGreaterThan(0);
      for (const id of rule.meta.guidance) expect(known.has(id), `${rule.meta.id} cites ${id}`).toBe(true);
    }
  });

  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      it("has fail and pass fixtures and a test", () => {
        expect(existsSync(join(repoRoot, "fixtures", rule.meta.id, "fail"))).toBe(true);
        expect(existsSync(join(repoRoot, "fixtures", rule.meta.id, "pass"))).toBe(true);
        expect(existsSync(join(repoRoot, "test", "rules", `${rule.meta.id}.test.ts`))).toBe(true);
      });

      it("says on its doc page what it cannot see", () => {
        expect(rule.meta.limitations?.length ?? 0, "meta.limitations").toBeGreaterThan(40);
      });

      it("uses every message in its fail fixture", () => {
        const { findings } = scanWithRule(rule.meta.id, "fail");
        for (const [messageId, template] of Object.entries(rule.meta.messages)) {
          const pattern = new RegExp(
            `^${template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, ".*")}$`,
            "s",
          );
          expect(
            findings.some((finding) => pattern.test(finding.message)),
            `message "${messageId}" is used`,
          ).toBe(true);
        }
      });

      it("has an up-to-date doc page", () => {
        const path = join(repoRoot, rulePagePath(rule));
        expect(existsSync(path), `${path} exists (run npm run docs)`).toBe(true);
        expect(readFileSync(path, "utf8"), "doc page is current (run npm run docs)").toBe(renderRulePage(rule));
      });
    });
  }

  it("has an up-to-date index, guidance page and README rule table", () => {
    expect(readFileSync(join(repoRoot, "docs", "rules", "README.md"), "utf8")).toBe(renderRuleIndex(allRules));
    expect(readFileSync(join(repoRoot, "docs", "guidance.md"), "utf8")).toBe(renderGuidanceDoc(allRules));
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(replaceReadmeRules(readme, allRules)).toBe(readme);
  });
});
