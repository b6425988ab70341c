/** A finding: a rule's report located in the file the user wrote. */
import type { SourceRange } from "../source/source-file.js";
import type { FindingCategory, Severity } from "./rule.js";

export interface RelatedLocation {
  range: SourceRange;
  message: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  category: FindingCategory;
  severity: Severity;
  message: string;
  guidance: string[];
  range: SourceRange;
  /** Terraform address of the resource the finding is about. */
  resource?: string;
  /** The root module directory of that resource (addresses repeat across roots). */
  root?: string;
  /** Where the value came from (variables, locals, module inputs). */
  trace: RelatedLocation[];
  related: RelatedLocation[];
  /**
   * `definite`: rests only on the code; `default`: on a variable default that tfvars or a pipeline may
   * override; `conditional`: holds only if a count/for_each iflint cannot resolve creates the resource
   * (or what `certaintyReason` says: something outside the scan, TypeScript that may leave a construct out).
   */
  certainty?: "definite" | "default" | "conditional";
  /** Why a finding is conditional, when it is for another reason than an unresolved count/for_each. */
  certaintyReason?: string;
  suppressed: boolean;
  justification?: string;
  /** The rule's message id and the facts it reported (its message's placeholders), for the register and plan. */
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
}

/** Why a finding is less than definite, in words for reports; undefined when it is definite. */
export function certaintyExplanation(finding: Finding): string | undefined {
  if (finding.certainty === "default") return "depends on a variable default that tfvars or the pipeline may override";
  if (finding.certainty === "conditional")
    return finding.certaintyReason ?? "holds only if a count/for_each that iflint cannot resolve creates the resource";
  return undefined;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** Sorts findings by file, then position, then rule, for stable output. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.range.file.path !== b.range.file.path) return a.range.file.path < b.range.file.path ? -1 : 1;
  if (a.range.startOffset !== b.range.startOffset) return a.range.startOffset - b.range.startOffset;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
