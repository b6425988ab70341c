/** Per guidance section: the rules that check it, and what they found, passed and could not know. */
import type { ScanResult } from "../scan.js";
import { guidanceSections } from "../engine/guidance.js";

export interface SectionCoverage {
  id: string;
  heading: string;
  rules: string[];
  findings: number;
  passed: number;
  unknown: number;
}

export function guidanceCoverage(result: ScanResult): SectionCoverage[] {
  const outcomes = new Map(result.outcomes.map((outcome) => [outcome.ruleId, outcome]));
  return guidanceSections().map((section) => {
    const rules = result.rules.filter((rule) => rule.meta.guidance.includes(section.id));
    const ids = new Set(rules.map((rule) => rule.meta.id));
    return {
      id: section.id,
      heading: section.heading,
      rules: [...ids],
      findings: result.findings.filter((finding) => !finding.suppressed && ids.has(finding.ruleId)).length,
      passed: rules.reduce((total, rule) => total + (outcomes.get(rule.meta.id)?.passed ?? 0), 0),
      unknown: rules.reduce((total, rule) => total + (outcomes.get(rule.meta.id)?.unknown ?? 0), 0),
    };
  });
}
