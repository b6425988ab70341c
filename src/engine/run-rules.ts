/**
 * Runs rules over the estate: locates each report in its source, formats its message, counts
 * passed/failed/unknown per rule for guidance coverage, and turns a throwing rule into an
 * internal-error finding instead of a silent pass.
 */
import { originOf } from "../evaluate/value-origins.js";
import { MAX_QUOTED_CHARACTERS, capQuoted, capText } from "../source/cap-text.js";
import { SourceRange } from "../source/source-file.js";
import type { Estate } from "../model/estate.js";
import type { AttributeNode, ResourceNode, TraceStep, ValuePath } from "../model/nodes.js";
import type { ModelNode } from "../model/model-node.js";
import type { Finding } from "./finding.js";
import type { Report, Rule, RuleContext, RuleSettings, Severity } from "./rule.js";
import { inPhase } from "../source/phase-clock.js";
import { switchedOffLinks } from "./switched-off-links.js";
import { monotonicMilliseconds } from "../source/monotonic-clock.js";

export interface RuleOutcome {
  ruleId: string;
  failed: number;
  passed: number;
  unknown: number;
  /** Time spent in the rule's check, for `IFLINT_TIMING`. */
  milliseconds: number;
}

export interface EngineResult {
  findings: Finding[];
  outcomes: RuleOutcome[];
}

export interface RunOptions {
  /** Per-rule severity from configuration. */
  severityOverrides?: ReadonlyMap<string, Severity>;
  settings?: RuleSettings;
}

const NO_SETTINGS: RuleSettings = {
  allowedCidrs: [],
  privateNetworkRanges: [],
  isInternalService: () => false,
  capacityOf: () => undefined,
};

export function runRules(estate: Estate, rules: readonly Rule[], options: RunOptions = {}): EngineResult {
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    const outcome: RuleOutcome = { ruleId: rule.meta.id, failed: 0, passed: 0, unknown: 0, milliseconds: 0 };
    const started = monotonicMilliseconds();
    outcomes.push(outcome);
    const override = options.severityOverrides?.get(rule.meta.id);
    const alternatives = new Set<string>();
    const context: RuleContext = {
      estate,
      settings: options.settings ?? NO_SETTINGS,
      report(report) {
        const finding = toFinding(estate, rule, override ?? report.severity ?? rule.meta.severity, report);
        if (repeatsAlternative(finding, report, alternatives)) return;
        outcome.failed++;
        findings.push(finding);
      },
      pass() {
        outcome.passed++;
      },
      unknown() {
        outcome.unknown++;
      },
      forEachResource(types, check) {
        // Type by type, in the order resourcesOfType gives, without joining the lists into a new one.
        for (const type of typeof types === "string" ? [types] : types) {
          for (const resource of estate.resourcesOfType(type)) {
            try {
              check(resource);
            } catch (error) {
              findings.push(internalError(rule, error, resource.headerRange, resource.address));
            }
          }
        }
      },
      forEachPublicZone(check) {
        for (const zone of estate.zones) {
          if (zone.isPrivate) continue;
          try {
            check(zone);
          } catch (error) {
            findings.push(internalError(rule, error, zone.range, zone.origin));
          }
        }
      },
    };
    try {
      inPhase("rules", () => rule.check(context));
    } catch (error) {
      const anchor = estate.files[0]?.file;
      if (anchor) findings.push(internalError(rule, error, new SourceRange(anchor, 0, 0)));
    }
    outcome.milliseconds = monotonicMilliseconds() - started;
  }
  return { findings, outcomes };
}

function toFinding(estate: Estate, rule: Rule, severity: Severity, report: Report<string>): Finding {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id "${report.messageId}"`);
  // What the verdict rests on: the reported attribute, or the attributes the rule names as its basis.
  // Built with loops, not chained array methods: a scan reports thousands of findings.
  const basis: AttributeNode[] = [];
  if (report.node.kind === "attribute") basis.push(report.node);
  if (report.basis) for (const attribute of report.basis) if (attribute !== undefined) basis.push(attribute);
  const subject = report.resource ?? resourceOf(report.node);
  // Links of the resource that a variable default keeps from being created (an association whose count is 0 by default).
  const switchedOff = subject ? switchedOffLinks(estate, rule, subject) : NO_LINKS;
  const certainty =
    report.conditional || subject?.existence === "unknown"
      ? "conditional"
      : subject?.existence === "default" ||
          switchedOff.length ||
          basis.some((attribute) => attribute.certainty === "default")
        ? "default"
        : "definite";
  const trace: Finding["trace"] = [];
  let seen: Set<string> | undefined;
  const traced = (steps: readonly TraceStep[] | undefined) => {
    if (!steps) return;
    for (const step of steps) {
      if ((seen ??= new Set()).has(step.message)) continue;
      seen.add(step.message);
      trace.push({ range: step.range, message: capText(step.message, 2 * MAX_QUOTED_CHARACTERS) });
    }
  };
  for (const attribute of basis) traced(attribute.trace);
  for (const link of switchedOff) traced(link.switch.trace);
  const related: Finding["related"] = [];
  if (report.related)
    for (const item of report.related)
      related.push({ range: rangeOfNode(item.node), message: capText(item.message, 2 * MAX_QUOTED_CHARACTERS) });
  if (subject) addRelatedForms(related, subject);
  for (const link of switchedOff)
    related.push({
      range: link.switch.range,
      message: `${link.resource.baseAddress} would refer to it, but is not created: ${link.switch.reason}`,
    });
  if (report.conditional)
    for (const item of report.conditional.related)
      related.push({ range: rangeOfNode(item.node), message: item.message });
  const finding: Finding = {
    ruleId: rule.meta.id,
    ruleName: rule.meta.name,
    category: rule.meta.category,
    severity,
    message: formatMessage(template, report.data),
    guidance: guidanceOf(rule),
    range: rangeOfNode(report.node, report.path),
    resource: subject?.address,
    root: subject?.module.root,
    trace: trace.length ? trace : NO_TRACE,
    related: related.length ? related : NO_RELATED,
    certainty,
    suppressed: false,
    messageId: report.messageId,
  };
  const existence =
    subject?.existence === "unknown"
      ? (subject.existenceReason ?? "a count/for_each that iflint cannot resolve creates the resource")
      : undefined;
  if (report.conditional)
    finding.certaintyReason = existence
      ? `${report.conditional.reason}; and only if ${existence}`
      : report.conditional.reason;
  else if (existence && subject?.existenceReason) finding.certaintyReason = `holds only if ${existence}`;
  if (report.data) finding.data = report.data;
  return finding;
}

/**
 * True when the finding was already reported on another alternative of the same CDKTF construct
 * (`if (waf) return new X(this, "ag", {...cfg, waf}); return new X(this, "ag", cfg)`: one address,
 * two resources), at the same place with the same message: a prop both share is one finding.
 */
function repeatsAlternative(finding: Finding, report: Report<string>, seen: Set<string>): boolean {
  const subject = report.resource ?? resourceOf(report.node);
  if (subject?.input !== "cdktf" || finding.resource === undefined) return false;
  const { range } = finding;
  const key = `${finding.root}\u0000${finding.resource}\u0000${range.file.absolutePath}\u0000${range.startOffset}\u0000${range.endOffset}\u0000${finding.message}`;
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}

/*
 * Shared by findings (never added to): a large scan reports tens of thousands, most with no trace
 * and no related locations, and every finding of a rule cites the same guidance.
 */
const NO_TRACE: Finding["trace"] = Object.freeze([]) as unknown as Finding["trace"];
const NO_RELATED: Finding["related"] = Object.freeze([]) as unknown as Finding["related"];
const NO_LINKS: ReturnType<typeof switchedOffLinks> = Object.freeze([]);
const GUIDANCE = new WeakMap<Rule, string[]>();

function guidanceOf(rule: Rule): string[] {
  let guidance = GUIDANCE.get(rule);
  if (guidance === undefined) {
    guidance = Object.freeze(rule.meta.guidance.slice()) as string[];
    GUIDANCE.set(rule, guidance);
  }
  return guidance;
}

/** The resource a node stands for: itself, or the Route 53 resource a DNS zone or record came from. */
function resourceOf(node: ModelNode): ResourceNode | undefined {
  if (node.kind === "resource") return node as ResourceNode;
  if (node.kind === "dns-record" || node.kind === "dns-zone") return node.resource;
  return undefined;
}

/** The same resource in another form the scan read (a plan, synthesized CDKTF JSON), added to `related`. */
function addRelatedForms(related: Finding["related"], resource: ResourceNode): void {
  if (resource.relatedRanges.length) {
    const form =
      resource.input === "plan"
        ? "plan JSON"
        : resource.input === "cloudformation"
          ? "synthesized CloudFormation template"
          : "synthesized JSON";
    for (const range of resource.relatedRanges) related.push({ range, message: `${resource.address} in the ${form}` });
  }
  for (const origin of resource.origins) related.push(origin);
  // The same module file serves every instance: say which call this finding's instance comes from.
  const call = resource.module.call;
  if (call)
    related.push({
      range: call,
      message: `${resource.module.address} is called here (root module ${resource.module.root})`,
    });
}

/** Where a node is in its source: an attribute's value, a block's header, a record's data field. */
export function rangeOfNode(node: ModelNode, path?: ValuePath): SourceRange {
  switch (node.kind) {
    case "attribute":
      // In the HCL expression, else in the YAML/JSON file the value was decoded from, else the whole value.
      return (path && path.length ? (node.locate(path) ?? originOf(node.value, path)) : undefined) ?? node.valueRange;
    case "block":
    case "resource":
      return node.headerRange;
    case "dns-record": {
      const field = path && typeof path[0] === "number" ? node.dataRanges[path[0]] : undefined;
      return field ?? node.range;
    }
    case "dns-zone":
    case "text":
      return node.range;
  }
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const parts = templateParts(template);
  if (parts.length === 1) return parts[0];
  const pieces = new Array<string>(parts.length);
  pieces[0] = parts[0];
  for (let index = 1; index < parts.length; index += 2) {
    const key = parts[index];
    pieces[index] = key in data ? capQuoted(String(data[key])) : `{${key}}`;
    pieces[index + 1] = parts[index + 1];
  }
  // Findings are kept until reported: joined, the message is one flat string, not a rope of its
  // pieces, and is not interned (as `flat` would): each message is its own, and interning them
  // took longer than making them (corpus-34: 16.8k findings, ~40 ms in a profile).
  return pieces.join("");
}

/** A message template split once into text and `{placeholder}` names, alternately (a rule reports thousands). */
function templateParts(template: string): string[] {
  let parts = templateCache.get(template);
  if (!parts) templateCache.set(template, (parts = template.split(/\{(\w+)\}/)));
  return parts;
}

const templateCache = new Map<string, string[]>();

function internalError(rule: Rule, error: unknown, range: SourceRange, resource?: string): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: "internal-error",
    ruleName: "internal-error",
    category: "internal-error",
    severity: "error",
    message: `Rule ${rule.meta.id} (${rule.meta.name}) failed${resource ? ` on ${resource}` : ""} in ${range.file.path}: ${reason}. Please report this; other rules still ran.`,
    guidance: [],
    range,
    resource,
    trace: [],
    related: [],
    suppressed: false,
  };
}
