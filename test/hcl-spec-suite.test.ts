/**
 * HashiCorp's HCL specification test suite (../shared/corpus/hcl-specsuite): every input must give
 * the diagnostics its .t file expects (start line, column and byte) or, where it expects a result,
 * no diagnostics and the expected values.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/parsers/source-file.js";
import { parseHcl } from "../src/parsers/hcl/parse.js";
import type { Block, Body } from "../src/parsers/hcl/ast.js";
import { ExpressionEvaluator } from "../src/evaluate/expression.js";
import { Unknown, type Value } from "../src/model/value.js";
import { repoRoot } from "./support/rule-harness.js";

const suite = resolve(repoRoot, "..", "shared", "corpus", "hcl-specsuite");

/** Diagnostics the suite expects from hcldec's schema checks, which a syntax parser cannot give. */
const SCHEMA_DIAGNOSTICS: Record<string, string> = {
  "structure/attributes/unexpected.hcl": 'hcldec rejects the argument "c" because its spec does not declare it; the syntax is valid.',
};

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

function evaluator(text: string, variables: Record<string, Value>) {
  return new ExpressionEvaluator({ resolve: (root, steps) => (root in variables && steps.length === 0 ? variables[root] : new Unknown(root)) }, text);
}

function bodyValues(body: Body, text: string, variables: Record<string, Value>): Record<string, Value> {
  const evaluate = evaluator(text, variables);
  return Object.fromEntries(body.attributes.map((attribute) => [attribute.name, evaluate.evaluate(attribute.expression)]));
}

function block(body: Body, type: string): Block | undefined {
  return body.blocks.find((candidate) => candidate.type === type);
}

describe.skipIf(!existsSync(suite))("HCL specification suite", () => {
  const files = existsSync(suite) ? hclFiles(suite).sort() : [];

  it("has its inputs", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const path of files) {
    const name = relative(suite, path);
    it(name, () => {
      const expectationsPath = path.replace(/\.hcl$/, ".t");
      const { file, parsed } = parseFile(path);
      const expectations = parseFile(expectationsPath);
      expect(expectations.parsed.diagnostics, "the .t file parses").toEqual([]);
      const diagnosticsBlock = block(expectations.parsed.body, "diagnostics");
      const expected = (diagnosticsBlock?.body.blocks ?? []).map((error) => {
        const from = block(error.body, "from") as Block;
        const values = bodyValues(from.body, expectations.file.text, {});
        return { line: values.line, column: values.column, byte: values.byte };
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
      // Variables for the inputs are declared in the .hcldec spec beside them.
      const specPath = path.replace(/\.hcl$/, ".hcldec");
      const spec = existsSync(specPath) ? parseFile(specPath) : undefined;
      const variablesBlock = spec ? block(spec.parsed.body, "variables") : undefined;
      const variables = variablesBlock && spec ? bodyValues(variablesBlock.body, spec.file.text, {}) : {};
      const wanted = evaluator(expectations.file.text, {}).evaluate(resultAttribute.expression) as Record<string, Value>;
      // Results describe top-level attributes; files of blocks, and results given by a literal
      // hcldec spec ("ok"), are checked for diagnostics only.
      if (parsed.body.blocks.length || typeof wanted !== "object" || wanted === null) return;
      expect(bodyValues(parsed.body, file.text, variables)).toEqual(wanted);
    });
  }
});
