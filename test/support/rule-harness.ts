/**
 * Runs one rule over its fixtures and compares the exact findings: `fixtures/<rule-id>/fail` must
 * give exactly the expected findings, `pass` none. Fixtures must parse cleanly.
 */
import { join, resolve } from "node:path";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { findRule } from "../../rules/index.js";

export const repoRoot = resolve(import.meta.dirname, "../..");

export interface ExpectedFinding {
  /** Relative to the rule's fixture directory, e.g. `fail/main.tf`. */
  file: string;
  line: number;
  column: number;
  resource?: string;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
}

export interface ObservedFinding {
  file: string;
  line: number;
  column: number;
  resource?: string;
  message: string;
}

/** Scans a fixture directory with one rule; returns that rule's findings and any parse errors. */
export function scanWithRule(
  ruleId: string,
  directory: string,
): { findings: ObservedFinding[]; parseErrors: string[]; passed: number } {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const result = scanRuleFixture(rule, directory);
  const parseErrors = result.findings
    .filter((finding) => finding.category === "parse-error")
    .map((finding) => `${finding.range.file.path}:${finding.range.start.line}: ${finding.message}`);
  const findings = result.findings
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => ({
      file: finding.range.file.path,
      line: finding.range.start.line,
      column: finding.range.start.column,
      resource: finding.resource,
      message: finding.message,
    }));
  const passed = result.outcomes.find((outcome) => outcome.ruleId === ruleId)?.passed ?? 0;
  return { findings, parseErrors, passed };
}

/** Declares the tests of a rule against its fixtures. */
export function describeRule(
  ruleId: string,
  expected: {
    fail: ExpectedFinding[];
    pass?: ExpectedFinding[];
    /** The rule reports every instance it reads (an inventory): its pass fixture holds near misses, never a compliant instance. */ inventory?: true;
  },
): void {
  describe(`${ruleId} fixtures`, () => {
    for (const kind of ["fail", "pass"] as const) {
      it(`${kind}: gives exactly the expected findings`, () => {
        expect(existsSync(join(repoRoot, "fixtures", ruleId, kind)), `fixtures/${ruleId}/${kind} exists`).toBe(true);
        const { findings, parseErrors, passed } = scanWithRule(ruleId, kind);
        expect(parseErrors, "fixtures parse cleanly").toEqual([]);
        // A pass fixture the rule never judged compliant would pass with the rule switched off.
        if (kind === "pass" && !expected.inventory)
          expect(passed, "the rule judged something in pass compliant").toBeGreaterThan(0);
        const wanted = (kind === "fail" ? expected.fail : (expected.pass ?? [])).map((item) => ({ ...item }));
        expect(findings.length, `finding count in ${kind}: ${JSON.stringify(findings, null, 1)}`).toBe(wanted.length);
        if (kind === "fail") expect(wanted.length, "a fail fixture must have findings").toBeGreaterThan(0);
        findings.forEach((finding, index) => {
          const want = wanted[index];
          expect({ file: finding.file, line: finding.line, column: finding.column }).toEqual({
            file: want.file,
            line: want.line,
            column: want.column,
          });
          if (want.resource !== undefined) expect(finding.resource).toBe(want.resource);
          if (typeof want.message === "string") expect(finding.message).toBe(want.message);
          else if (want.message) expect(finding.message).toMatch(want.message);
        });
      });
    }
  });
}
