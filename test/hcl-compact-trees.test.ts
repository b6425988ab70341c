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
import type { Block, Body } from "../src/parsers/hcl/ast.js";
import { labelCount, labelValue } from "../src/parsers/hcl/compact-nodes.js";
import {
  LINEAR_DUPLICATE_SCAN,
  attributeCountOf,
  attributeIndexOf,
  attributeNameAt,
  attributeNamed,
  fileOfSyntax,
  hasAttributeNamed,
  hasDuplicateAttributeNames,
  lastAttributeNamed,
  NOT_LITERAL,
  writtenLiteral,
} from "../src/parsers/hcl/packed-attributes.js";

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
  it("parses an attribute again from its own file when reads of two files' attributes interleave", () => {
    // One parser is restarted for every read (body-parser.ts): each must read its own file's text.
    const first = parseHcl(new SourceFile("a.tf", 'a = "x${var.y}"\nb = [1, 2]\nc = f(z)\n'), {
      lazyExpressions: true,
    });
    const second = parseHcl(new SourceFile("b.tf", "p = { k = true }\nq = m.n[0]\nr = 7\n"), { lazyExpressions: true });
    const expressions = (body: Body) => body.attributes.map((attribute) => attribute.expression);
    const interleaved = [0, 1, 2].flatMap((index) => [
      first.body.attributes[index].expression,
      second.body.attributes[index].expression,
    ]);
    const plainFirst = expressions(parseHcl(new SourceFile("a.tf", first.file.text)).body);
    const plainSecond = expressions(parseHcl(new SourceFile("b.tf", second.file.text)).body);
    expect(interleaved).toEqual([0, 1, 2].flatMap((index) => [plainFirst[index], plainSecond[index]]));
    expect(interleaved.map((expression) => expression.kind)).toEqual([
      "Template",
      "Object",
      "Tuple",
      "Index",
      "FunctionCall",
      "Literal",
    ]);
  });

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

describe("packed attribute reads", () => {
  const names = (body: Body) => body.attributes.map((attribute) => attribute.name);
  const bodiesOf = (body: Body): Body[] => [body, ...body.blocks.flatMap((block) => bodiesOf(block.body))];
  const many = Array.from({ length: LINEAR_DUPLICATE_SCAN + 2 }, (_, index) => `a${index} = ${index}`);
  const inline = [
    'resource "x" "y" {\n  a = 1\n  b = 2\n  a = 3\n}\n',
    `locals {\n${many.join("\n")}\n}\n`,
    `locals {\n${[...many, "a3 = 33"].join("\n")}\n}\n`,
  ];

  it("finds by name, counts and sees repeated names exactly as the plain tree's lists do", () => {
    let duplicates = 0;
    const texts = [...files.map((path) => readFileSync(path, "utf8")), ...inline];
    for (const text of texts) {
      const plain = bodiesOf(parseHcl(new SourceFile("t.tf", text)).body);
      const compact = bodiesOf(parseHcl(new SourceFile("t.tf", text), { lazyExpressions: true }).body);
      expect(compact.length).toBe(plain.length);
      plain.forEach((plainBody, index) => {
        const body = compact[index];
        const list = names(plainBody);
        expect(attributeCountOf(body)).toBe(list.length);
        expect(list.map((_, at) => attributeNameAt(body, at))).toEqual(list);
        const repeated = new Set(list).size !== list.length;
        if (repeated) duplicates++;
        expect(hasDuplicateAttributeNames(body)).toBe(repeated);
        for (const name of [...list, "no_such_name"]) {
          expect(attributeIndexOf(body, name)).toBe(list.indexOf(name));
          expect(hasAttributeNamed(body, name)).toBe(list.includes(name));
          expect(attributeNamed(body, name)?.start).toBe(plainBody.attributes.find((a) => a.name === name)?.start);
          expect(lastAttributeNamed(body, name)?.start).toBe(
            [...plainBody.attributes].reverse().find((a) => a.name === name)?.start,
          );
        }
      });
    }
    expect(duplicates).toBeGreaterThanOrEqual(2);
  });
});

describe("plain literals read without parsing", () => {
  const bodiesOf = (body: Body): Body[] => [body, ...body.blocks.flatMap((block) => bodiesOf(block.body))];
  const literalsOf = (text: string) =>
    bodiesOf(parseHcl(new SourceFile("t.tf", text), { lazyExpressions: true }).body).flatMap((body) =>
      body.attributes.map((attribute) => ({ attribute, literal: writtenLiteral(attribute) })),
    );

  it("are the value the parsed expression has, wherever one is read so", () => {
    let read = 0;
    for (const path of files) {
      for (const { attribute, literal } of literalsOf(readFileSync(path, "utf8"))) {
        if (literal === NOT_LITERAL) continue;
        read++;
        const expression = attribute.expression;
        expect(expression.kind, `${path}: ${attribute.name}`).toBe("Literal");
        expect(literal, `${path}: ${attribute.name}`).toStrictEqual((expression as { value: unknown }).value);
      }
    }
    expect(read).toBeGreaterThan(500);
  });

  it("are only digits, true, false, null and quoted ASCII text with nothing a template or escape could mean", () => {
    const text = [
      's = "HTTPS"',
      'e = ""',
      "n = 443",
      "z = 0443",
      "t = true",
      "f = false",
      "u = null",
      'i = "a${b}"',
      'd = "%{if x}y%{endif}"',
      'b = "a\\tb"',
      'c = "a$b"',
      'w = "café"',
      "m = -1",
      "r = 1.5",
      "x = 1e3",
      "k = true.x",
      "v = var.x",
      "h = <<EOT\nhi\nEOT\n",
      "l = [1]",
      `g = ${"9".repeat(16)}`,
    ].join("\n");
    const literals = Object.fromEntries(literalsOf(text).map(({ attribute, literal }) => [attribute.name, literal]));
    expect(literals).toEqual({
      s: "HTTPS",
      e: "",
      n: 443,
      z: 443,
      t: true,
      f: false,
      u: null,
      i: NOT_LITERAL,
      d: NOT_LITERAL,
      b: NOT_LITERAL,
      c: NOT_LITERAL,
      w: NOT_LITERAL,
      m: NOT_LITERAL,
      r: NOT_LITERAL,
      x: NOT_LITERAL,
      k: NOT_LITERAL,
      v: NOT_LITERAL,
      h: NOT_LITERAL,
      l: NOT_LITERAL,
      g: NOT_LITERAL,
    });
    // Attributes of a plain tree are not views of a table: nothing to read without parsing.
    expect(writtenLiteral(parseHcl(new SourceFile("t.tf", "a = 1\n")).body.attributes[0])).toBe(NOT_LITERAL);
  });
});

describe("label reads", () => {
  const blocksOf = (body: Body): Block[] => body.blocks.flatMap((block) => [block, ...blocksOf(block.body)]);
  const inline = [
    'resource "aws_lb" "web" {}\nmodule "vpc" {}\nlocals {}\nblock "a" "b" "c" {}\nescaped "a\\"b" {}\n',
    'provider aws {}\none_line "x" { a = 1 }\n',
  ];

  it("give each block's label count and values exactly as its list of labels does", () => {
    const counts = new Set<number>();
    const texts = [...files.map((path) => readFileSync(path, "utf8")), ...inline];
    for (const text of texts) {
      for (const lazy of [false, true]) {
        for (const block of blocksOf(parseHcl(new SourceFile("t.tf", text), { lazyExpressions: lazy }).body)) {
          const values = block.labels.map((label) => label.value);
          counts.add(values.length);
          expect(labelCount(block)).toBe(values.length);
          for (let index = 0; index <= values.length; index++) expect(labelValue(block, index)).toBe(values[index]);
        }
      }
    }
    expect([...counts].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe("the file of a node", () => {
  it("is known to compact blocks and packed attributes, and to nothing of a plain tree", () => {
    const text = 'resource "aws_lb" "web" {\n  name = "web"\n  tags {\n    a = 1\n  }\n}\nlocals {\n  x = 1\n}\n';
    const file = new SourceFile("t.tf", text);
    const compact = parseHcl(file, { lazyExpressions: true }).body;
    const blocks = [...compact.blocks, ...compact.blocks.flatMap((block) => block.body.blocks)];
    expect(blocks.length).toBe(3);
    for (const block of blocks) {
      expect(fileOfSyntax(block)).toBe(file);
      for (const attribute of block.body.attributes) expect(fileOfSyntax(attribute)).toBe(file);
    }
    // A one-line block's body is a plain one: the caller keeps the file with it.
    const oneLine = parseHcl(new SourceFile("o.tf", "tags { a = 1 }\n"), { lazyExpressions: true }).body.blocks[0];
    expect(fileOfSyntax(oneLine)).toBeUndefined();
    const plain = parseHcl(new SourceFile("t.tf", text)).body;
    for (const block of plain.blocks) {
      expect(fileOfSyntax(block)).toBeUndefined();
      for (const attribute of block.body.attributes) expect(fileOfSyntax(attribute)).toBeUndefined();
    }
  });
});
