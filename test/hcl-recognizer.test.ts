/**
 * The expression recognizer (expression-recognizer.ts) against the parser it mirrors. Wherever
 * the recognizer accepts an expression, the parser must parse the same text with no diagnostic,
 * starting and ending at the same offsets, leaving `pos` at the same place and passing the same
 * comments; and whole files parsed with `lazyExpressions` (which uses the recognizer) must give
 * the same diagnostics, comments and, read through, the same tree as a plain parse. Compared on
 * every HCL file the project has, at many offsets of each, and on generated and damaged inputs
 * (fixed seed; FUZZ_SEED overrides it).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseHcl } from "../src/parsers/hcl/parse.js";
import { HclParser } from "../src/parsers/hcl/body-parser.js";
import { ExpressionRecognizer } from "../src/parsers/hcl/expression-recognizer.js";
import { repoRoot } from "./support/rule-harness.js";
import { hclFiles, plainBody } from "./support/hcl-trees.js";

const seed = Number(process.env.FUZZ_SEED ?? 20_261_207);
const numRuns = Number(process.env.FUZZ_RUNS ?? 300);

const specSuite = hclFiles(resolve(repoRoot, "..", "shared", "corpus", "hcl-specsuite"));
const projectFiles = [...hclFiles(resolve(repoRoot, "fixtures")), ...hclFiles(resolve(repoRoot, "examples"))];
const texts = [...specSuite, ...projectFiles].map((path) => readFileSync(path, "utf8"));

interface Outcome {
  accepted: boolean;
  start: number;
  end: number;
  pos: number;
  comments: number[];
}

/** The parser on the expression at `start` (in a body, not nested), as the recognizer reports it. */
function parsed(text: string, start: number): Outcome {
  const parser = new HclParser(new SourceFile("x.tf", text), text, start, text.length);
  const expression = parser.parseExpression();
  return {
    accepted: parser.diagnostics.length === 0,
    start: expression.start,
    end: expression.end,
    pos: parser.pos,
    comments: parser.comments.flatMap((comment) => [comment.start, comment.end]),
  };
}

const recognizer = new ExpressionRecognizer();

function recognized(text: string, start: number): Outcome | undefined {
  const end = recognizer.recognize(text, start, text.length, 0, -1);
  if (end < 0) return undefined;
  const { expressionStart, pos, comments, commentCount } = recognizer;
  return { accepted: true, start: expressionStart, end, pos, comments: comments.slice(0, commentCount * 2) };
}

/** Compares at `start`; returns 1 if the recognizer accepted, 0 if it left the expression to the parser. */
function compareAt(text: string, start: number): number {
  const fast = recognized(text, start);
  if (fast === undefined) return 0;
  expect(fast, `expression at ${start} of ${JSON.stringify(text.slice(start, start + 80))}`).toEqual(
    parsed(text, start),
  );
  return 1;
}

/** Where attribute expressions (and their parts) start: after `=`, and after brackets, commas, operators. */
function expressionStarts(text: string): number[] {
  const starts: number[] = [];
  for (let offset = 0; offset < text.length; offset++) {
    if ("=([{,?:+-!*/%<>|&$\n".includes(text[offset])) starts.push(offset + 1);
  }
  return starts;
}

/** A lazy parse of a whole file agrees with a plain one. */
function compareFile(text: string): void {
  const plain = parseHcl(new SourceFile("x.tf", text));
  const lazy = parseHcl(new SourceFile("x.tf", text), { lazyExpressions: true });
  expect(lazy.diagnostics).toEqual(plain.diagnostics);
  expect(lazy.comments).toEqual(plain.comments);
  expect(plainBody(lazy.body)).toEqual(plainBody(plain.body));
}

/** Expressions the parser accepts, one for each path through the recognizer. */
const ACCEPTED = [
  ...['"%{if a}x%{endif}"', '"%{ if a ~}x%{~ else ~} y %{~ endif ~}"', '"%{for k, v in x}${v}%{endfor}"'],
  ...["<<EOT\n%{for v in x}${v}%{endfor}\nEOT\n", '"%{if a}%{if b}c%{endif}%{endif}"', '"%{if a}%{else}%{endif}"'],
  ...['"%{ if [\n1\n] }x%{ endif }"', '"%{if a}$${x}%%{y}%{endif}"', '"%{ for v in x /* c */ }a%{ endfor /* d */ }"'],
  ...["1", "1.5", "1e3", "1.5e-3", "2E+2", "007", "7e", "true", "null", "for", "é", "a\u0301b", "𝒳"],
  ...['"a"', '""', '"a\\nb\\t\\r\\"\\\\"', '"\\u00e9"', '"\\U0001F600"', '"$${x}"', '"%%{x}"', '"a${b}c"'],
  ...['"${~ b ~}"', '"é${"ü"}"', '"$"', '"%"', '"${a}${b}"'],
  ...["var.x", "a.b.c", "a[0]", "a [0]", "a . b", "a.0", "a.*.b", "a[*].b[0]", "a[ * ]", "a.*.b[0]", "a.*", "a\t.b"],
  ...["f()", "f(1, 2,)", "f(x...)", "f(\n  a,\n  b\n)", "provider::aws::arn_parse(x)", "f (1)"],
  ...["[]", "[1, 2,]", "[\n1,\n2\n]", "{}", "{ a = 1, b = 2 }", "{\na = 1\nb: 2\n}", "{ (a) = 1 }", '{ "a" = 1 }'],
  ...["[for v in x : v]", "[for k, v in x : v if k]", "{for k, v in x : k => v}", "{for k, v in x : k => v...}"],
  ...["[for_each]", "[ for v in x : v ]", "{ for v in x : v => v if v }"],
  ...["a ? b : c", "a ? b ? c : d : e", "(a ?\n b :\n c)", "!a", "-1", "--1", "!!a", "- a"],
  ...["a == b", "a != b", "a <= b", "a < b", "a >= b", "a > b", "1 + 2 * 3 - 4 / 5 % 6", "a && b || c", "(a)"],
  ...["<<EOT\nx\nEOT\n", "<<-EOT\n  x\n  EOT\n", "<<EOT\n${a}\n$${b}\nEOT\n", "<<EOT\nEOT\n", "<<EOT\r\nx\r\nEOT\r\n"],
  ...[
    "a\n? b : c",
    "1 =",
    "a # comment",
    "a /* c */",
    "a // c",
    "f(a, # c\n b)",
    "[ /* c */ 1]",
    "x\r\n",
    "/* c */ a",
    "{\n# c\na = 1\n}",
  ],
];

/** Expressions the parser reports an error in: the recognizer must leave them to it. */
const REPORTED = [
  ...["", "=", "1.2.3", "a.0.1", '"a', '"a\nb"', '"\\q"', '"\\u12"', '"\\ud800"', '"\\U00110000"', '"\\'],
  ...['"${a"', '"${}"', '"${a b}"', "provider::x", "f(a b)", "f(a..., b)", "f(a", "[1 2]", "[1,", "{ a = 1 b = 2 }"],
  ...["{ a }", "{ a == 1 }", "{ a = 1", "[for v x]", "[for v in x]", "[for v in x : v...]", "{for v in x : v}"],
  ...["[for , v in x : v]", "[for v in x : v if]", "[for v in x : v", "{for k in x : k => v", "[for k, in x : k]"],
  ...["a ? b", "a ?", "a ? b c", "!= a", "a.", "a.[", "a[", "a[1", "a[]", "(a", "()", "<<EOT\nx", "<<EOT x\nEOT\n"],
  ...["<<\n", "<<EOT", "a /* c", "/* c", "a +", "-", "a.*.", "a.*.1.2", ")", 'a."b"', "a +\n b"],
  ...["<<EOT\n%{ else }\nEOT\n", "<<EOT\n%{ endfor }x\nEOT\n"],
  ...['"%{if a}x"', '"%{if a}x%{endfor}"', '"%{for v in x}a%{endif}"', '"%{if a}x%{else}y%{else}z%{endif}"'],
  ...['"%{if}x%{endif}"', '"%{for v x}a%{endfor}"', '"%{if a x%{endif}"', '"%{if a}x%{endif"', '"%{ else }"'],
  ...[
    '"%{if a}x\ny%{endif}"',
    '"%{if a}\\q%{endif}"',
    '"%{if a}${}%{endif}"',
    '"%{ endfor }"',
    '"%{if a}%{ elsewhere }%{endif}"',
  ],
  ...['"%{ endif }"', '"%{ x }"', "{for v in x : v  k}", "{for v in x : v ..k}", "a * * b", "a < < b", "a + / b"],
  ...["(<<EOT\nx\nEOT)", "{ a = 1\n b = 2 c = 3 }", "{\na = <<EOT\nx\nEOT\n + 1\n}", "a.b.", "a[*", "!"],
];

/** Tokens HCL expressions are made of, weighted towards the ones where the two could disagree. */
const TOKEN = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("var", "local", "aws_vpc", "each", "true", "null", "for", "in", "if", "x") },
  { weight: 2, arbitrary: fc.constantFrom("0", "12", "1.5", "1e3", "2.5E-2", "1.2.3", "0.1", "7e") },
  {
    weight: 8,
    arbitrary: fc.constantFrom(".", "[", "]", "(", ")", "{", "}", ",", "...", "*", "[*]", ".*", ":", "?", "::"),
  },
  { weight: 4, arbitrary: fc.constantFrom("=", "==", "!=", "=>", "!", "-", "+", "/", "%", "<", "<=", ">", "&&", "||") },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '"',
      '"a"',
      '"${',
      "${",
      "}",
      "~}",
      "$${",
      "%{",
      "%%{",
      "\\n",
      "\\u00e9",
      "\\ud800",
      "\\q",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("%{ if x }", "%{ else }", "%{ endif }", "%{ for v in x }", "%{ endfor }") },
  { weight: 2, arbitrary: fc.constantFrom("<<EOT\n", "<<-EOT\n", "\nEOT\n", "  EOT\n", "EOT") },
  { weight: 4, arbitrary: fc.constantFrom(" ", "  ", "\n", "\r\n", "\t", "\r") },
  { weight: 2, arbitrary: fc.constantFrom("# c\n", "// c\n", "/* c */", "/*", "*/") },
  { weight: 1, arbitrary: fc.constantFrom("é", "𝒳", "\u00a0", "\u0301") },
);

const expressionText = fc.array(TOKEN, { maxLength: 40 }).map((tokens) => tokens.join(""));

/** Well-formed expressions, nested, so the recognizer's accepting paths are exercised too. */
const { wellFormed } = fc.letrec((tie) => {
  const nested = () => tie("wellFormed") as fc.Arbitrary<string>;
  return {
    wellFormed: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(
        "var.a",
        'local.tags["k"]',
        "aws_vpc.main.id",
        "1",
        "-2.5",
        "true",
        "null",
        '"s"',
        '"a${var.b}c"',
      ),
      fc.constantFrom("x[*].id", "x.*.id", "x.0", "each.value", '"\\u00e9\\n"', "(<<EOT\nhi ${x}\nEOT\n)"),
      fc.tuple(nested(), fc.constantFrom(" + ", " == ", " && ", "||", " < ", "%"), nested()).map((p) => p.join("")),
      fc.tuple(nested(), nested(), nested()).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
      fc.array(nested(), { maxLength: 3 }).map((items) => `f(${items.join(", ")})`),
      fc.array(nested(), { maxLength: 3 }).map((items) => `[\n${items.join(",\n")}\n]`),
      fc
        .array(fc.tuple(fc.constantFrom("a", '"b"', "(c)"), nested()), { maxLength: 3 })
        .map((items) => `{\n${items.map(([key, value]) => `${key} = ${value} # c`).join("\n")}\n}`),
      nested().map((value) => `[for k, v in ${value} : v if k != "x"]`),
      nested().map((value) => `{ for v in ${value} : v => v... }`),
      nested().map((value) => `"x-\${${value}}-y"`),
      nested().map((value) => `!(${value})`),
      fc.tuple(nested(), nested(), nested()).map(([a, b, c]) => `"%{ if ${a} ~}\${${b}}%{ else }\${${c}}%{~ endif }"`),
      fc.tuple(nested(), nested()).map(([a, b]) => `"%{ for k, v in ${a} }[\${${b}}]%{ endfor ~}"`),
      // Nested heredocs need distinct markers: the outer one would end at the inner one's.
      nested().map((value) => `(<<-E${value.length}\n  a\n    \${${value}}\n  E${value.length}\n)`),
    ),
  };
});

/** A text with some characters deleted, or cut short. */
function damage(text: string, cuts: number[]): string[] {
  const damaged = cuts.map((cut) => {
    const at = cut % Math.max(1, text.length);
    return text.slice(0, at) + text.slice(at + 1 + (cut % 3));
  });
  return [...damaged, text.slice(0, cuts[0] % Math.max(1, text.length))];
}

describe("expression recognizer", () => {
  it("has files to compare", () => {
    expect(specSuite.length).toBeGreaterThan(10);
    expect(projectFiles.length).toBeGreaterThan(100);
  });

  it("agrees with the parser at every offset of the HCL spec suite", () => {
    let accepted = 0;
    for (const text of texts.slice(0, specSuite.length))
      for (let start = 0; start <= text.length; start++) accepted += compareAt(text, start);
    expect(accepted).toBeGreaterThan(1000);
  });

  it("agrees with the parser where expressions start in every fixture and example", () => {
    let accepted = 0;
    let compared = 0;
    for (const text of texts)
      for (const start of expressionStarts(text)) {
        accepted += compareAt(text, start);
        compared++;
      }
    // Most of those places start an expression the parser accepts: the recognizer must take them.
    expect(accepted / compared).toBeGreaterThan(0.4);
  });

  it("agrees with the parser on generated token sequences", () => {
    fc.assert(
      fc.property(expressionText, fc.nat(), (text, start) => {
        compareAt(text, 0);
        compareAt(text, start % (text.length + 1));
      }),
      { seed, numRuns: numRuns * 10 },
    );
  });

  it("accepts the well-formed expressions it is meant for, and agrees on them and their damaged copies", () => {
    let accepted = 0;
    fc.assert(
      fc.property(wellFormed, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (expression, cuts) => {
        const text = `a = ${expression}\n`;
        const fast = compareAt(text, 3);
        // Only directives are left to the parser, and these have none.
        expect(fast).toBe(1);
        accepted += fast;
        for (const damaged of damage(text, cuts)) compareAt(damaged, 3);
      }),
      { seed, numRuns },
    );
    expect(accepted).toBe(numRuns);
  });

  it("gives, in whole files, the same diagnostics, comments and tree as a plain parse", () => {
    for (const text of texts) compareFile(text);
    fc.assert(
      fc.property(
        fc.constantFrom(...texts.filter((text) => text.length < 20_000)),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        (text, cuts) => {
          for (const damaged of damage(text, cuts)) compareFile(damaged);
        },
      ),
      { seed, numRuns },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(wellFormed, expressionText), { maxLength: 4 }), (items) => {
        compareFile(items.map(([good, bad], index) => `a${index} = ${good}\nb${index} = ${bad}\n`).join(""));
        compareFile(`resource "x" "y" {\n${items.map(([good], index) => `  a${index} = ${good}\n`).join("")}}\n`);
      }),
      { seed, numRuns },
    );
  });

  it("takes what the parser accepts and refuses what it reports, case by case", () => {
    for (const expression of ACCEPTED) {
      const text = `a = ${expression}\n`;
      expect(parsed(text, 3).accepted, expression).toBe(true);
      expect(compareAt(text, 3), expression).toBe(1);
    }
    for (const expression of REPORTED) {
      const text = `a = ${expression}\n`;
      expect(parsed(text, 3).accepted, expression).toBe(false);
      expect(recognized(text, 3), expression).toBeUndefined();
    }
    for (const expression of [...ACCEPTED, ...REPORTED]) compareFile(`a = ${expression}\nb = 1\n`);
  });

  it("refuses nesting the parser would refuse", () => {
    const deep = (levels: number) => `a = ${"[".repeat(levels)}1${"]".repeat(levels)}\n`;
    expect(compareAt(deep(500), 3)).toBe(1);
    expect(compareAt(deep(501), 3)).toBe(0);
    const tooDeep = parseHcl(new SourceFile("x.tf", deep(501)), { lazyExpressions: true }).diagnostics;
    expect(tooDeep.map((diagnostic) => diagnostic.summary)).toEqual(["Nesting too deep"]);
    expect(tooDeep).toEqual(parseHcl(new SourceFile("x.tf", deep(501))).diagnostics);
  });
});
