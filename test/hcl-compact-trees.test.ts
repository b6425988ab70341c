/**
 * The module loader parses with `lazyExpressions`: attributes keep their offsets and parse again
 * when read, blocks and bodies are kept compactly. Every file the project has (fixtures, examples,
 * HashiCorp's spec suite) and damaged copies of them must give the same diagnostics and, read
 * through, the same tree as a plain parse.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseHcl } from "../src/parsers/hcl/parse.js";
import { repoRoot } from "./support/rule-harness.js";
import { hclFiles, plainBody } from "./support/hcl-trees.js";

const files = [
  ...hclFiles(resolve(repoRoot, "fixtures")),
  ...hclFiles(resolve(repoRoot, "examples")),
  ...hclFiles(resolve(repoRoot, "..", "shared", "corpus", "hcl-specsuite")),
];

/** Copies with a cut, a stray brace and a broken expression, so recovery paths are compared too. */
function damaged(text: string): string[] {
  const middle = text.length >> 1;
  return [text.slice(0, middle), `${text.slice(0, middle)}}${text.slice(middle)}`, text.replace("=", "= (")];
}

describe("compact trees (lazy expressions)", () => {
  it("has files to compare", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("gives the same diagnostics and, read through, the same tree as a plain parse", () => {
    let compared = 0;
    for (const path of files) {
      const original = readFileSync(path, "utf8");
      for (const text of [original, ...damaged(original)]) {
        const plain = parseHcl(new SourceFile(path, text));
        const compact = parseHcl(new SourceFile(path, text), { lazyExpressions: true });
        expect(compact.diagnostics, path).toEqual(plain.diagnostics);
        expect(plainBody(compact.body), path).toEqual(plainBody(plain.body));
        compared++;
      }
    }
    expect(compared).toBe(files.length * 4);
  });

  it("parses an expression only when it is read; keeps the trees read again, not a resource's arguments", () => {
    const text =
      'variable "v" {\n  default = "a"\n}\nresource "aws_lb" "a" {\n  count = 2\n  name  = "x-${var.y}"\n}\n';
    const body = parseHcl(new SourceFile("main.tf", text), { lazyExpressions: true }).body;
    const [variable, resource] = body.blocks;
    const [count, name] = resource.body.attributes;
    for (const attribute of [variable.body.attributes[0], count, name])
      expect(Object.keys(attribute)).not.toContain("expression");
    expect(name.expression).toMatchObject({
      kind: "Template",
      start: text.indexOf('"x-'),
      end: text.indexOf('y}"') + 3,
    });
    expect(name.expressionStart).toBe(text.indexOf('"x-'));
    // A resource's argument is read once through the model: parsed again, not kept.
    expect(name.expression).not.toBe(name.expression);
    expect(name.expression).toEqual(name.expression);
    // Declarations and count/for_each are read for every module instance: kept from the second read.
    for (const attribute of [count, variable.body.attributes[0]]) {
      const first = attribute.expression;
      const second = attribute.expression;
      expect(second).not.toBe(first);
      expect(second).toEqual(first);
      expect(attribute.expression).toBe(second);
    }
  });
});
