/** Conditions findings rest on (`Report.conditional`), put together. */
import type { Report } from "../../src/engine/rule.js";

type Condition = Report<string>["conditional"];

/** The condition of a finding that rests on two: it holds unless either happens. */
export function bothConditions(first: Condition, second: Condition): Condition {
  if (!first) return second;
  if (!second) return first;
  return {
    reason: `${first.reason}; and ${second.reason.replace(/^holds /, "")}`,
    related: [...first.related, ...second.related],
  };
}
