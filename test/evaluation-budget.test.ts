/** Evaluation budgets: past a bound a value is an error (an unknown with a note), never a hang or a crash. */
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseHclExpression } from "../src/parsers/hcl/parse.js";
import { ExpressionEvaluator, referenceOnlyScope } from "../src/evaluate/expression.js";
import { EvaluationBudget } from "../src/evaluate/budget.js";
import { callFunction } from "../src/evaluate/functions/index.js";
import { EvaluationError } from "../src/evaluate/functions/errors.js";
import { formatValue, type Value } from "../src/model/value.js";

function evaluate(text: string, budget?: EvaluationBudget): Value {
  const file = new SourceFile("budget.tf", text);
  const { expression } = parseHclExpression(file, 0, text.length);
  const scope = {
    ...referenceOnlyScope({ directory: "", address: "", root: "" }),
    call: (name: string, args: Value[]) => callFunction(name, args),
  };
  return new ExpressionEvaluator(scope, text, budget).evaluate(expression);
}

const reason = (value: Value) => (value instanceof EvaluationError ? value.reason : `not an error: ${String(value)}`);

describe("evaluation budgets", () => {
  it("stops a root module's evaluation past its steps, and every later evaluation at once", () => {
    const budget = new EvaluationBudget(1_000);
    expect(reason(evaluate("[for i in range(5000) : i * 2]", budget))).toBe(
      "evaluation stopped: this root module needs more than 1,000 evaluation steps",
    );
    expect(reason(evaluate('"small"', budget))).toMatch(/^evaluation stopped/);
  });

  it("makes no string longer than 1 MiB", () => {
    expect(reason(evaluate('join("", [for i in range(1100) : format("%01000d", i)])'))).toBe(
      "join: a string longer than 1048576 characters",
    );
    expect(reason(evaluate('format("%0999999999d", 1)'))).toBe("format: a width of more than 1048576 characters");
    expect(reason(evaluate('"${format("%01048576d", 1)}x"'))).toMatch(/a string longer than 1048576 characters$/);
  });

  it("makes no collection of more than 100,000 elements, nor nested for past 1,000,000", () => {
    expect(reason(evaluate("concat(range(60000), range(60000))"))).toBe(
      "concat(...): a collection of more than 100000 elements",
    );
    expect(reason(evaluate("flatten([for i in range(2000) : [for j in range(1000) : j]])"))).toMatch(
      /more than 1000000 elements in its lists and objects$/,
    );
    expect(reason(evaluate("range(100001)"))).toBe("range(...): a collection of more than 100000 elements");
  });

  it("keeps an error through what is built from it", () => {
    expect(reason(evaluate('upper("${regex("x", "y")}z")'))).toBe(
      "regex: pattern did not match any part of the given string",
    );
  });

  it("shows a value in messages and traces in at most 240 characters, however large", () => {
    const huge = Array.from({ length: 900 }, () => "x".repeat(1_000_000));
    const shown = formatValue(huge);
    expect(shown).toHaveLength(240);
    expect(shown.endsWith("…")).toBe(true);
    expect(formatValue({ a: [1, "b", null, true], c: {} })).toBe('{"a":[1,"b",null,true],"c":{}}');
  });
});
