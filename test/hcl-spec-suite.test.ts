/**
 * HashiCorp's HCL specification test suite (../shared/corpus/hcl-specsuite): every input must give
 * the diagnostics its .t file expects (start line, column and byte) or, where it expects a result,
 * no diagnostics and the expected value. The .t and .hcldec files are HCL themselves and are read
 * with our parser; a small evaluator for constant expressions, local to this test, computes the
 * values, and a small interpreter of the hcldec spec (object/attr/block/block_map/literal) gives
 * the result's shape.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseHcl } from "../src/parsers/hcl/parse.js";
import type { Block, Body, Expression, TemplatePart } from "../src/parsers/hcl/ast.js";
import { repoRoot } from "./support/rule-harness.js";

const suite = resolve(repoRoot, "..", "shared", "corpus", "hcl-specsuite");

/** Diagnostics the suite expects from hcldec's schema checks, which a syntax parser cannot give. */
const SCHEMA_DIAGNOSTICS: Record<string, string> = {
  "structure/attributes/unexpected.hcl":
    'hcldec rejects the argument "c" because its spec does not declare it; the syntax is valid.',
};

type Value = null | string | number | boolean | Value[] | { [key: string]: Value };

/** Constant expressions: literals, templates, collections, operators, conditionals, variables. */
function evaluate(expression: Expression, variables: Record<string, Value>): Value {
  const recurse = (inner: Expression) => evaluate(inner, variables);
  switch (expression.kind) {
    case "Literal":
      return expression.value;
    case "Template":
      if (expression.parts.length === 1 && expression.parts[0].kind === "TemplateInterpolation")
        return recurse(expression.parts[0].expression);
      return templateText(expression.parts, variables);
    case "Tuple":
      return expression.items.map(recurse);
    case "Object":
      return Object.fromEntries(expression.items.map((item) => [String(recurse(item.key)), recurse(item.value)]));
    case "Parentheses":
      return recurse(expression.expression);
    case "Variable":
      if (!(expression.name in variables)) throw new Error(`unknown variable ${expression.name}`);
      return variables[expression.name];
    case "Conditional":
      return recurse(expression.condition) === true ? recurse(expression.trueResult) : recurse(expression.falseResult);
    case "Unary": {
      const operand = recurse(expression.operand);
      return expression.operator === "!" ? !operand : -(operand as number);
    }
    case "Binary": {
      const left = recurse(expression.left);
      const right = recurse(expression.right);
      switch (expression.operator) {
        case "==":
          return left === right;
        case "!=":
          return left !== right;
        case "&&":
          return left === true && right === true;
        case "||":
          return left === true || right === true;
      }
      const [a, b] = [left as number, right as number];
      switch (expression.operator) {
        case "<":
          return a < b;
        case "<=":
          return a <= b;
        case ">":
          return a > b;
        case ">=":
          return a >= b;
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
        case "%":
          return a % b;
      }
      throw new Error("unreachable");
    }
    case "FunctionCall":
      // Only the type constructors of `result_type` appear; their value is not checked.
      return `${expression.name}()`;
    default:
      throw new Error(`not a constant expression: ${expression.kind}`);
  }
}

function templateText(parts: TemplatePart[], variables: Record<string, Value>): string {
  return parts
    .map((part) => {
      if (part.kind === "TemplateLiteral") return part.value;
      if (part.kind === "TemplateInterpolation") return String(evaluate(part.expression, variables));
      throw new Error(`directives do not occur in the suite's inputs (${part.kind})`);
    })
    .join("");
}

function attributes(body: Body, variables: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(
    body.attributes.map((attribute) => [attribute.name, evaluate(attribute.expression, variables)]),
  );
}

function blockOf(body: Body, type: string): Block | undefined {
  return body.blocks.find((candidate) => candidate.type === type);
}

function labelOf(block: Block): string {
  return block.labels[0]?.value ?? "";
}

/** Decodes an input body by an hcldec spec block (the subset the suite uses). */
function decode(spec: Block, body: Body, variables: Record<string, Value>): Value {
  switch (spec.type) {
    case "literal":
      return attributes(spec.body, {}).value;
    case "object": {
      const result: { [key: string]: Value } = {};
      for (const member of spec.body.blocks) {
        const name = labelOf(member);
        if (member.type === "attr") {
          const attribute = body.attributes.find((candidate) => candidate.name === name);
          result[name] = attribute ? evaluate(attribute.expression, variables) : null;
        } else if (member.type === "block") {
          const found = body.blocks.find((candidate) => candidate.type === name);
          result[name] = found ? decode(member.body.blocks[0], found.body, variables) : null;
        } else if (member.type === "block_map") {
          const map: { [key: string]: Value } = {};
          for (const found of body.blocks.filter((candidate) => candidate.type === name))
            map[labelOf(found)] = decode(member.body.blocks[0], found.body, variables);
          result[name] = map;
        } else throw new Error(`unsupported hcldec member ${member.type}`);
      }
      return result;
    }
    case "block": {
      const type = String(attributes(spec.body, {}).block_type);
      const found = body.blocks.find((candidate) => candidate.type === type);
      return found ? decode(spec.body.blocks[0], found.body, variables) : null;
    }
    default:
      throw new Error(`unsupported hcldec spec ${spec.type}`);
  }
}

/**
 * HCL computes with 512-bit binary floats; JavaScript with doubles. Numbers are equal here when
 * they agree to 12 significant digits (e.g. `11 % 5.1` is 0.8000…024 in HCL and 0.8000000000000007
 * here, and `add_big` has more digits than a double holds).
 */
function expectSameValue(actual: Value, expected: Value, path = "result"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
  } else if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected))
      expectSameValue(
        (actual as Record<string, Value>)[key],
        (expected as Record<string, Value>)[key],
        `${path}.${key}`,
      );
  } else {
    expect(actual, path).toEqual(expected);
  }
}

function hclFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return hclFiles(path);
    return name.endsWith(".hcl") ? [path] : [];
  });
}

function parseFile(path: string) {
  const file = new SourceFile(relative(suite, path), readFileSync(path, "utf8"));
  return { file, parsed: parseHcl(file) };
}

describe.skipIf(!existsSync(suite))("HCL specification suite", () => {
  const files = existsSync(suite) ? hclFiles(suite).sort() : [];

  it("has its inputs", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const path of files) {
    const name = relative(suite, path);
    it(name, () => {
      const { file, parsed } = parseFile(path);
      const expectations = parseFile(path.replace(/\.hcl$/, ".t"));
      expect(expectations.parsed.diagnostics, "the .t file parses").toEqual([]);
      const expected = (blockOf(expectations.parsed.body, "diagnostics")?.body.blocks ?? []).map((error) => {
        const from = attributes((blockOf(error.body, "from") as Block).body, {});
        return { line: from.line, column: from.column, byte: from.byte };
      });
      const actual = parsed.diagnostics.map((diagnostic) => {
        const position = file.position(diagnostic.start);
        return { line: position.line, column: position.column, byte: position.byte };
      });
      if (SCHEMA_DIAGNOSTICS[name]) {
        expect(actual, SCHEMA_DIAGNOSTICS[name]).toEqual([]);
        return;
      }
      expect(actual).toEqual(expected);
      const resultAttribute = expectations.parsed.body.attributes.find((attribute) => attribute.name === "result");
      if (!resultAttribute || expected.length) return;
      const spec = parseFile(path.replace(/\.hcl$/, ".hcldec"));
      expect(spec.parsed.diagnostics, "the .hcldec file parses").toEqual([]);
      const variablesBlock = blockOf(spec.parsed.body, "variables");
      const variables = variablesBlock ? attributes(variablesBlock.body, {}) : {};
      const specBlock = spec.parsed.body.blocks.find((candidate) => candidate.type !== "variables") as Block;
      expectSameValue(decode(specBlock, parsed.body, variables), evaluate(resultAttribute.expression, {}));
    });
  }
});
