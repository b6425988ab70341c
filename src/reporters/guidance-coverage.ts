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
  // Unsuppressed findings by rule, counted once rather than once per section.
  const found = new Map<string, number>();
  for (const finding of result.findings)
    if (!finding.suppressed) found.set(finding.ruleId, (found.get(finding.ruleId) ?? 0) + 1);
  return guidanceSections().map((section) => {
    const rules = result.rules.filter((rule) => rule.meta.guidance.includes(section.id));
    const ids = new Set(rules.map((rule) => rule.meta.id));
    return {
      id: section.id,
      heading: section.heading,
      rules: [...ids],
      findings: [...ids].reduce((total, id) => total + (found.get(id) ?? 0), 0),
      passed: rules.reduce((total, rule) => total + (outcomes.get(rule.meta.id)?.passed ?? 0), 0),
      unknown: rules.reduce((total, rule) => total + (outcomes.get(rule.meta.id)?.unknown ?? 0), 0),
    };
  });
}
