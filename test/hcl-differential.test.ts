/**
 * Differential test against HashiCorp's own parser (@cdktf/hcl2json, Go HCL compiled to WASM):
 * every .tf in fixtures/ and examples/ and the valid spec-suite inputs are parsed by both, and the
 * block structure and literal values must agree. Non-literal expressions are compared as such.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as hcl2json } from "@cdktf/hcl2json";
import { SourceFile } from "../src/source/source-file.js";
import { parseHcl } from "../src/parsers/hcl/parse.js";
import type { Body, Expression } from "../src/parsers/hcl/ast.js";
import { repoRoot } from "./support/rule-harness.js";

const EXPRESSION = "<expression>";

type Shape = null | string | number | boolean | Shape[] | { [key: string]: Shape };

/** Known divergences of the oracle, keyed by input, with the reason. */
const KNOWN_DIVERGENCES: Record<string, string> = {
  "object-key-traversal.tf":
    'hcl2json writes the key `a.b` as the string "a.b" (its source text); hclsyntax parses it as an expression (a traversal) and so do we, ' +
    "so our object is non-literal. Both parse it without errors.",
};

function files(directory: string, suffix: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : files(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

function ourExpression(expression: Expression): Shape {
  switch (expression.kind) {
    case "Literal":
      return expression.value;
    case "Unary": {
      // hcl2json folds a unary operator applied to a literal into the literal.
      const operand = expression.operand.kind === "Literal" ? expression.operand.value : undefined;
      if (expression.operator === "-" && typeof operand === "number") return -operand;
      if (expression.operator === "!" && typeof operand === "boolean") return !operand;
      return EXPRESSION;
    }
    case "Template":
      return expression.parts.every((part) => part.kind === "TemplateLiteral")
        ? expression.parts.map((part) => (part.kind === "TemplateLiteral" ? part.value : "")).join("")
        : EXPRESSION;
    case "Tuple":
      return expression.items.map(ourExpression);
    case "Object": {
      if (
        !expression.items.every(
          (item) =>
            item.key.kind === "Literal" ||
            (item.key.kind === "Template" && item.key.parts.every((part) => part.kind === "TemplateLiteral")),
        )
      )
        return EXPRESSION;
      return Object.fromEntries(
        expression.items.map((item) => [String(ourExpression(item.key)), ourExpression(item.value)]),
      );
    }
    default:
      return EXPRESSION;
  }
}

function ourBody(body: Body): { [key: string]: Shape } {
  const result: { [key: string]: Shape } = {};
  for (const attribute of body.attributes) result[attribute.name] = ourExpression(attribute.expression);
  for (const block of body.blocks) {
    let container = result as { [key: string]: Shape };
    const keys = [block.type, ...block.labels.map((label) => label.value)];
    keys.slice(0, -1).forEach((key) => {
      container[key] ??= {};
      container = container[key] as { [key: string]: Shape };
    });
    const last = keys[keys.length - 1];
    container[last] ??= [];
    (container[last] as Shape[]).push(ourBody(block.body));
  }
  return result;
}

/**
 * hcl2json renders non-literal expressions as "${...}" templates (compared as expressions) and
 * re-escapes literal "${" as "$${" (undone here). An object with a computed key
 * (`{ "${var.environment}-origin" = ... }`) keeps the key's source text there; we compare such an
 * object as an expression, as `ourExpression` does.
 */
function theirs(value: unknown): Shape {
  if (typeof value === "string")
    return TEMPLATE.test(value) ? EXPRESSION : value.replaceAll("$${", "${").replaceAll("%%{", "%{");
  if (Array.isArray(value)) return value.map(theirs);
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.some(([key]) => TEMPLATE.test(key))) return EXPRESSION;
    return Object.fromEntries(entries.map(([key, item]) => [key, theirs(item)]));
  }
  return value as Shape;
}

const TEMPLATE = /(^|[^$])\$\{|(^|[^%])%\{/;

const SAMPLES: Record<string, string> = {
  "every-feature.tf": [
    "# comment",
    'resource "aws_lb" "x" {',
    '  name = "a-${var.env}-b"',
    "  internal = false",
    '  tags = { Name = "x", "k" : 2 }',
    "  list = [1, 2.5e3, -3, true, null]",
    '  cond = var.a ? "x" : "y"',
    "  math = 1 + 2 * 3 == 7 && !false",
    '  f = provider::aws::arn_parse("x")',
    "  g = concat(var.a, var.b...)",
    "  s = aws_subnet.private[*].id",
    "  s2 = aws_subnet.private.*.id",
    "  l = aws_instance.x.0.id",
    '  fe = [for s in var.x : upper(s) if s != ""]',
    "  fo = {for k, v in var.m : k => v...}",
    "  h = <<-EOT",
    "    hello",
    "      indented",
    "    EOT",
    '  t = "%{ if var.x }yes%{ else }no%{ endif }"',
    '  e = "tab\\tquote\\" unicode \\u00e9 $${lit}"',
    "  nested { a = 1 }",
    "  empty {}",
    '  dynamic "ingress" {',
    "    for_each = var.cidrs",
    "    content {",
    "      cidr_blocks = [ingress.value]",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n"),
  "object-key-traversal.tf": "a = { a.b = 1 }\n",
  "crlf.tf": 'variable "x" {\r\n  default = ["10.0.0.0/8"]\r\n}\r\n',
  "spacing-and-splats.tf": [
    "locals {",
    "  a = x. y",
    "  b = x [0]",
    "  c = x[*].b[*].c",
    "  d = x.*.b[0]",
    "  e = f (1, [\n 2,\n 3\n ])",
    "  f = (1 +\n 2)",
    '  g = { a : 1, b = 2\n    "c" = [true, false, null] }',
    "  h = -1.5e-3",
    "  i = !true",
    "}",
    "",
  ].join("\n"),
  "templates.tf": [
    'a = "%{ for i, v in var.list ~}${i}=${v} %{~ endfor }"',
    'b = "plain \\\\ backslash \\u00e9 \\U0001F600"',
    'c = "$${not} %%{interpolated}"',
    "d = <<EOT",
    "  keep ${var.x}",
    "  indentation",
    "EOT",
    "e = <<-EOT",
    "    strip",
    "      nested",
    "    EOT",
    'f = "${ var.x ~}   trimmed"',
    "",
  ].join("\n"),
  "unicode-and-comments.tf": [
    "/* leading",
    " block */",
    'naïve_名前 = "ünïcödé" # trailing',
    "// slash",
    'resource "t" "x" { count = 1 } # one-line block',
    "",
  ].join("\n"),
  "blocks-and-labels.tf": [
    'module "m" {',
    '  source = "./m"',
    "  providers = { aws = aws.west }",
    "}",
    "terraform {",
    "  required_providers {",
    '    aws = { source = "hashicorp/aws", version = "~> 5.0" }',
    "  }",
    "}",
    'provider "aws" {',
    '  alias = "west"',
    "}",
    "a b c {}",
    "",
  ].join("\n"),
};

describe("differential: our parser vs HashiCorp's (hcl2json)", () => {
  const corpus = [
    ...files(join(repoRoot, "fixtures"), ".tf"),
    ...files(join(repoRoot, "examples"), ".tf"),
    ...files(join(repoRoot, "..", "shared", "corpus", "hcl-specsuite"), ".hcl").filter(
      (path) => !readFileSync(path.replace(/\.hcl$/, ".t"), "utf8").includes("diagnostics {"),
    ),
  ];
  const inputs: [string, string][] = [
    ...Object.entries(SAMPLES),
    ...corpus.map((path) => [relative(repoRoot, path), readFileSync(path, "utf8")] as [string, string]),
  ];

  it("has inputs", () => {
    expect(inputs.length).toBeGreaterThan(10);
  });

  for (const [name, text] of inputs) {
    it(name, async () => {
      const ours = parseHcl(new SourceFile(name, text));
      expect(ours.diagnostics.map((diagnostic) => diagnostic.detail)).toEqual([]);
      const oracle = await hcl2json(name, text);
      if (KNOWN_DIVERGENCES[name]) return;
      expect(ourBody(ours.body)).toEqual(theirs(oracle));
    });
  }
});
