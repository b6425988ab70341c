/** Our HCL parser: syntax features with exact ranges, errors with positions, recovery, robustness. */
import { describe, expect, it } from "vitest";
import { SourceFile, decodeSource } from "../src/source/source-file.js";
import { parseHcl, parseHclExpression, parseHclTemplate } from "../src/parsers/hcl/parse.js";
import type { Expression } from "../src/parsers/hcl/ast.js";
import { ExpressionEvaluator } from "../src/evaluate/expression.js";
import { Unknown, type Value } from "../src/model/value.js";

function parse(text: string) {
  const file = new SourceFile("test.tf", text);
  const result = parseHcl(file);
  const at = (offset: number) => {
    const position = file.position(offset);
    return `${position.line}:${position.column}`;
  };
  return { file, result, at, diagnostics: result.diagnostics.map((d) => `${at(d.start)} ${d.summary}: ${d.detail}`) };
}

function value(text: string, variables: Record<string, Value> = {}): Value {
  const { result, file } = parse(`v = ${text}\n`);
  expect(result.diagnostics.map((d) => d.detail)).toEqual([]);
  const evaluator = new ExpressionEvaluator(
    { resolve: (root, steps) => (root in variables && !steps.length ? variables[root] : new Unknown(root)) },
    file.text,
  );
  return evaluator.evaluate(result.body.attributes[0].expression);
}

function kindOf(text: string): Expression["kind"] {
  return parse(`v = ${text}\n`).result.body.attributes[0].expression.kind;
}

describe("HCL parser: structure", () => {
  it("reads blocks with quoted and bare labels, attributes and ranges", () => {
    const { result, at } = parse('resource "aws_lb" portal {\n  name = "x"\n}\n');
    const block = result.body.blocks[0];
    expect(block.type).toBe("resource");
    expect(block.labels.map((label) => [label.value, label.quoted])).toEqual([
      ["aws_lb", true],
      ["portal", false],
    ]);
    expect(at(block.start)).toBe("1:1");
    expect(at(block.closeBrace.start)).toBe("3:1");
    const attribute = block.body.attributes[0];
    expect([at(attribute.nameSpan.start), at(attribute.expression.start), at(attribute.expression.end)]).toEqual([
      "2:3",
      "2:10",
      "2:13",
    ]);
  });

  it("reads one-line blocks and empty blocks", () => {
    const { result, diagnostics } = parse("a { b = 1 }\nc {}\n");
    expect(diagnostics).toEqual([]);
    expect(result.body.blocks.map((block) => [block.type, block.body.attributes.length])).toEqual([
      ["a", 1],
      ["c", 0],
    ]);
  });

  it("handles CRLF, a BOM, comments of every kind and UTF-8 identifiers", () => {
    const bytes = Buffer.from(
      "\ufeff# hash\r\n// slash\r\n/* block\r\n comment */\r\nnaïve_名前 = 1 # trailing\r\n",
      "utf8",
    );
    const decoded = decodeSource(bytes);
    const file = new SourceFile("bom.tf", decoded.text, "bom.tf", decoded.bomBytes);
    const result = parseHcl(file);
    expect(result.diagnostics).toEqual([]);
    expect(result.body.attributes.map((attribute) => attribute.name)).toEqual(["naïve_名前"]);
    expect(result.comments.map((comment) => comment.text)).toEqual([
      "# hash",
      "// slash",
      "/* block\r\n comment */",
      "# trailing",
    ]);
    const position = file.position(result.body.attributes[0].start);
    expect([position.line, position.column, position.byte]).toEqual([5, 1, 44]);
  });

  it("counts columns in UTF-16 code units and offsets in bytes", () => {
    const { result, file } = parse('a = "😀😀" # x\nb = 1\n');
    const comment = file.position(result.comments[0].start);
    expect([comment.line, comment.column, comment.byte]).toEqual([1, 12, 15]);
  });
});

describe("HCL parser: expressions", () => {
  it("evaluates operators with the spec's precedence", () => {
    expect(value("1 + 2 * 3")).toBe(7);
    expect(value("(1 + 2) * 3")).toBe(9);
    expect(value("10 - 4 - 3")).toBe(3);
    expect(value("!true || 1 < 2 && 3 >= 3")).toBe(true);
    expect(value("7 % 4 == 3 != false")).toBe(true);
    expect(value("-2 * -3")).toBe(6);
    expect(value("true ? 1 : 2")).toBe(1);
    expect(value("false ? 1 : true ? 2 : 3")).toBe(2);
  });

  it("reads numbers, strings, escapes and literal introducers", () => {
    expect(value("1.5e3")).toBe(1500);
    expect(value('"a\\tb\\n\\"c\\" \\u00e9 \\U0001F600"')).toBe('a\tb\n"c" é 😀');
    expect(value('"$${x} %%{y}"')).toBe("${x} %{y}");
    expect(value("null")).toBe(null);
  });

  it("reads templates with interpolation, directives and strip markers", () => {
    expect(value('"a-${x}-b"', { x: "mid" })).toBe("a-mid-b");
    expect(value('"${x}"', { x: 5 })).toBe(5);
    expect(value('"%{ if x }yes%{ else }no%{ endif }"', { x: false })).toBe("no");
    expect(value('"%{ for i, v in xs }${i}=${v};%{ endfor }"', { xs: ["a", "b"] })).toBe("0=a;1=b;");
    expect(value('"a ${~ x ~} b"', { x: "X" })).toBe("aXb");
    expect(value('"a %{~ if true ~} b %{~ endif ~} c"')).toBe("abc");
  });

  it("reads heredocs, plain and indented", () => {
    expect(value("<<EOT\n  hello\n  world\nEOT\n")).toBe("  hello\n  world\n");
    expect(value("<<-EOT\n    hello\n      ${x}\n    EOT\n", { x: "world" })).toBe("hello\n  world\n");
  });

  it("reads tuples, objects with = and :, and for expressions", () => {
    expect(value("[1, 2,\n 3,]")).toEqual([1, 2, 3]);
    expect(value('{ a = 1, "b" : 2\n  c = 3 }')).toEqual({ a: 1, b: 2, c: 3 });
    expect(value("{ (k) = 1 }", { k: "dynamic" })).toEqual({ dynamic: 1 });
    expect(value('[for s in xs : upper(s) if s != ""]', { xs: [] })).toEqual([]);
    expect(value("{for k, v in m : v => k...}", { m: { a: "x", b: "x", c: "y" } })).toEqual({
      x: ["a", "b"],
      y: ["c"],
    });
  });

  it("reads function calls, namespaced calls, expansion, indexes and splats", () => {
    expect(kindOf('provider::aws::arn_parse("x")')).toBe("FunctionCall");
    const { result } = parse(
      'a = concat(x, y...)\nb = aws_subnet.private[*].id\nc = aws_subnet.private.*.id\nd = list.0.name\ne = m["k"][0]\n',
    );
    const [a, b, c, d, e] = result.body.attributes.map((attribute) => attribute.expression);
    expect(a.kind === "FunctionCall" && a.expandFinal && a.args.length).toBe(2);
    expect(b.kind === "Splat" && b.full).toBe(true);
    expect(c.kind === "Splat" && !c.full).toBe(true);
    expect(d.kind).toBe("GetAttr");
    expect(d.kind === "GetAttr" && d.object.kind === "Index" && d.object.legacy).toBe(true);
    expect(e.kind).toBe("Index");
    expect(value("[{n = 1}, {n = 2}][*].n")).toEqual([1, 2]);
  });
});

describe("HCL parser: errors and recovery", () => {
  it("rejects duplicate attributes, a missing =, and a newline inside an expression", () => {
    expect(parse("a = 1\na = 2\n").diagnostics).toEqual([
      '2:1 Attribute redefined: The argument "a" was already set at line 1, column 1. Each argument may be set only once.',
    ]);
    expect(parse("a 1\n").diagnostics[0]).toMatch(
      /^1:3 Argument or block definition required: Expected "=" to set argument "a"/,
    );
    expect(parse("a = 1 +\n2\n").diagnostics[0]).toMatch(
      /^1:8 Invalid expression: Expected the start of an expression, but found a newline/,
    );
  });

  it("reports unclosed blocks, strings and brackets at their position", () => {
    expect(parse("a {\n  b = 1\n").diagnostics[0]).toMatch(/^1:3 Unclosed configuration block/);
    expect(parse('a = "abc\n').diagnostics[0]).toMatch(
      /^1:9 Unterminated template string: Expected a closing quote for the string that starts at line 1, column 5, but found a newline/,
    );
    expect(parse("a = [1, 2\n").diagnostics.length).toBeGreaterThan(0);
  });

  it("recovers at the next attribute or block, so one bad block does not hide the rest", () => {
    const { result, diagnostics } = parse(
      'resource "a" "bad" {\n  x = = 1\n  y = 2\n}\n\nresource "a" "good" {\n  z = 3\n}\n',
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^2:7/);
    expect(result.body.blocks.map((block) => block.labels[1].value)).toEqual(["bad", "good"]);
    expect(result.body.blocks[0].body.attributes.map((attribute) => attribute.name)).toEqual(["x", "y"]);
    expect(result.body.blocks[1].body.attributes.map((attribute) => attribute.name)).toEqual(["z"]);
  });

  it("rejects extra text after a standalone expression", () => {
    const file = new SourceFile("x", "[1] 2");
    expect(parseHclExpression(file, 0, 5).diagnostics).toHaveLength(1);
    const template = new SourceFile("j", 'xx "${a.b}" yy');
    const parsed = parseHclTemplate(template, 4, 10);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.expression.kind).toBe("Template");
  });
});

describe("HCL parser: lone carriage returns (old Mac line endings)", () => {
  // HashiCorp's scanner (the native anchor in ../shared/bench) does not end a line at a lone CR: a
  // comment on the first line swallows the whole file, with no error. iflint says so at the first CR.
  it("is one positioned error, never content dropped in silence", () => {
    const { result, diagnostics } = parse('# portal\rresource "aws_lb" "portal" {\r  internal = false\r}\r');
    expect(diagnostics).toEqual([
      "1:9 Lone carriage return: This file ends lines with a carriage return alone (old Mac line endings). Terraform does not treat it as a line break, so a comment runs on past it and hides what follows; convert the file to LF or CRLF line endings.",
    ]);
    expect(result.diagnostics[0].severity).toBe("error");
  });

  it("leaves CRLF files alone", () => {
    const { result } = parse('# portal\r\nresource "aws_lb" "portal" {\r\n  internal = false\r\n}\r\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.body.blocks.map((block) => block.labels.map((label) => label.value))).toEqual([["aws_lb", "portal"]]);
  });
});

describe("HCL parser: diagnostics where HashiCorp's parser gives them", () => {
  // Positions checked against hcl2json (HashiCorp's parser) for each input.
  it.each([
    ["a {\n b = 1 }\n", "2:8 Missing newline after argument"],
    ["a {\n b {\n} }\n", "3:3 Missing newline after block definition"],
    ['a "x${y}" {}\n', "1:5 Invalid block label"],
    ["a = x.0.1\n", "1:7 Invalid legacy index syntax"],
    ["a = 1.5.2\n", "1:5 Invalid number literal"],
    ["a = f(x...,)\n", "1:8 Missing closing parenthesis"],
    ["a = f(x..., y)\n", "1:8 Missing closing parenthesis"],
    ["a = [for x in y : x...]\n", "1:20 Invalid 'for' expression"],
    ["a = { for k, v in y : k => v, }\n", "1:29 Missing closing delimiter"],
    ["a = [for x, in y : x]\n", "1:16 Invalid 'for' expression"],
    ["a = <<EOT\nfoo\nEOT", "3:4 Unterminated template string"],
    ["a = <<EOT\nfoo\nEOT # c\n", "4:1 Unterminated template string"],
    ["a = provider::aws\n", "1:18 Missing function arguments"],
    ["a { b = 1 # c\n}\n", "1:11 Invalid single-argument block definition"],
    ["a { b = 1", "1:3 Unclosed configuration block"],
    ["a = x.\n y\n", "1:7 Invalid attribute name"],
    ['a = "x" "y"\n', "1:9 Missing newline after argument"],
    ["a = [1,,2]\n", "1:8 Invalid expression"],
    ["a = 1 ? 2\n", "1:10 Missing closing delimiter"],
    ['a = "%{ endif }"\n', "1:6 Invalid template directive"],
    ['a = "%{ if x }a%{ endif"\n', "1:24 Missing closing delimiter"],
  ])("%j", (text, expected) => {
    const { diagnostics } = parse(text);
    expect(diagnostics[0]?.slice(0, expected.length + 1)).toBe(`${expected}:`);
  });

  it("allows spaces between traversal steps and newlines inside brackets, as HashiCorp does", () => {
    const { result, diagnostics } = parse("a = x. y\nb = x [0]\nc = x .0\nd = (x.\n y)\ne = f (1)\n");
    expect(diagnostics).toEqual([]);
    expect(result.body.attributes.map((attribute) => attribute.expression.kind)).toEqual([
      "GetAttr",
      "Index",
      "Index",
      "Parentheses",
      "FunctionCall",
    ]);
  });

  it("nests a full splat's following splats inside its each, as hclsyntax does", () => {
    const expression = parse("a = x[*].b[*].c\n").result.body.attributes[0].expression;
    expect(expression.kind === "Splat" && expression.each.kind).toBe("Splat");
    const attributeOnly = parse("a = x.*.b[0]\n").result.body.attributes[0].expression;
    // `.*` takes attribute steps only; the index applies to the splat's result.
    expect(attributeOnly.kind === "Index" && attributeOnly.object.kind).toBe("Splat");
  });

  it("records exact ranges of expressions, templates and blocks", () => {
    const { result, at } = parse(
      'resource "t" "n" {\n  v = [for s in var.x : "${s}-x" if s != ""]\n  h = <<-EOT\n    a\n    EOT\n}\n',
    );
    const block = result.body.blocks[0];
    expect([at(block.openBrace.start), at(block.closeBrace.start), at(block.end)]).toEqual(["1:18", "6:1", "6:2"]);
    expect(block.labels.map((label) => `${at(label.start)}-${at(label.end)}`)).toEqual(["1:10-1:13", "1:14-1:17"]);
    const [forAttribute, heredoc] = block.body.attributes;
    const forExpression = forAttribute.expression;
    expect([at(forExpression.start), at(forExpression.end)]).toEqual(["2:7", "2:45"]);
    if (forExpression.kind !== "For") throw new Error(forExpression.kind);
    expect([at(forExpression.collection.start), at(forExpression.collection.end)]).toEqual(["2:17", "2:22"]);
    expect([at(forExpression.valueExpression.start), at(forExpression.valueExpression.end)]).toEqual(["2:25", "2:33"]);
    expect([at(heredoc.expression.start), at(heredoc.expression.end)]).toEqual(["3:7", "5:8"]);
    expect(
      heredoc.expression.kind === "Template" &&
        heredoc.expression.parts.map((part) => part.kind === "TemplateLiteral" && part.value),
    ).toEqual(["a\n"]);
  });

  it("collects comments with their markers and ranges", () => {
    const { result, at } = parse("# one\na = 1 // two\n/* three\n */ b = 2\n");
    expect(result.comments.map((comment) => [comment.text, at(comment.start), at(comment.end)])).toEqual([
      ["# one", "1:1", "1:6"],
      ["// two", "2:7", "2:13"],
      ["/* three\n */", "3:1", "4:4"],
    ]);
  });

  it("parses expressions and templates inside a region of a file", () => {
    const file = new SourceFile("x.json", '{"a": "${var.x + 1}", "b": "pre-${x}-post"}');
    const expression = parseHclExpression(file, 9, 18);
    expect(expression.diagnostics).toEqual([]);
    expect([expression.expression.kind, expression.expression.start, expression.expression.end]).toEqual([
      "Binary",
      9,
      18,
    ]);
    const template = parseHclTemplate(file, 28, 41);
    expect(template.diagnostics).toEqual([]);
    expect(
      template.expression.kind === "Template" &&
        template.expression.parts.map((part) => [part.kind, part.start, part.end]),
    ).toEqual([
      ["TemplateLiteral", 28, 32],
      ["TemplateInterpolation", 32, 36],
      ["TemplateLiteral", 36, 41],
    ]);
  });
});

describe("HCL parser: robustness (never throws, never overflows)", () => {
  const depth = 10_000;
  it.each([
    ["tuples", `a = ${"[".repeat(depth)}${"]".repeat(depth)}\nb = 1\n`],
    ["parentheses", `a = ${"(".repeat(depth)}1${")".repeat(depth)}\nb = 1\n`],
    ["objects", `a = ${"{x = ".repeat(depth)}1${"}".repeat(depth)}\nb = 1\n`],
    ["unary operators", `a = ${"!".repeat(depth)}true\nb = 1\n`],
    ["blocks", `${"a {\n".repeat(depth)}${"}\n".repeat(depth)}b = 1\n`],
    ["function calls", `a = ${"f(".repeat(depth)}1${")".repeat(depth)}\nb = 1\n`],
    ["indexes", `a = x${"[x".repeat(depth)}${"]".repeat(depth)}\nb = 1\n`],
    ["interpolations", `a = ${'"${'.repeat(depth)}1${'}"'.repeat(depth)}\nb = 1\n`],
    ["conditionals", `a = ${"x ? 1 : ".repeat(depth)}2\nb = 1\n`],
    ["splats", `a = x${"[*]".repeat(depth)}\nb = 1\n`],
  ])("gives a diagnostic for %s nested 10,000 deep and parses what follows", (_name, text) => {
    const { result, diagnostics } = parse(text);
    expect(diagnostics.some((diagnostic) => /Nesting too deep/.test(diagnostic))).toBe(true);
    expect(result.body.attributes.map((attribute) => attribute.name)).toContain("b");
  });

  it("parses a long chain of binary operators without deep recursion", () => {
    expect(value(Array.from({ length: 500 }, () => "1").join(" + "))).toBe(500);
    expect(value(Array.from({ length: 20_000 }, () => "1").join(" + "))).toBeInstanceOf(Unknown);
  });

  it("parses a 1 MB line", () => {
    const { result } = parse(`a = "${"x".repeat(1 << 20)}"\n`);
    expect(result.diagnostics).toEqual([]);
  });

  it("survives binary garbage and invalid UTF-8 with diagnostics", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 50; round++) {
      const bytes = Uint8Array.from({ length: 2000 }, () => Math.floor(random() * 256));
      const decoded = decodeSource(bytes);
      const result = parseHcl(new SourceFile("garbage.tf", decoded.text));
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
    const decoded = decodeSource(Uint8Array.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]));
    expect(decoded.invalidUtf8At).toBe(5);
  });

  it("parses a generated multi-megabyte file", () => {
    const block =
      'resource "aws_security_group" "sg_IDX" {\n  name = "sg-IDX"\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    cidr_blocks = ["10.0.0.0/8", var.office]\n  }\n  tags = merge(local.tags, { Name = "sg-IDX" })\n}\n';
    const text = Array.from({ length: 20_000 }, (_, index) => block.replaceAll("IDX", String(index))).join("\n");
    const { result } = parse(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.body.blocks).toHaveLength(20_000);
  });
});
