/** HCL files to compare parses on, and syntax trees as plain data for comparing them. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Attribute, Block, Body } from "../../src/parsers/hcl/ast.js";

/** The HCL files (.tf, .hcl, .tfvars) below `directory`, skipping node_modules and dot folders. */
export function hclFiles(directory: string, found: string[] = []): string[] {
  if (!existsSync(directory)) return found;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (name === "node_modules" || name.startsWith(".")) continue;
    if (statSync(path).isDirectory()) hclFiles(path, found);
    else if (/\.(tf|hcl|tfvars)$/.test(name)) found.push(path);
  }
  return found;
}

/** The tree as plain data, read through every accessor a consumer uses. */
export function plainBody(body: Body): unknown {
  return {
    kind: body.kind,
    start: body.start,
    end: body.end,
    attributes: body.attributes.map(plainAttribute),
    blocks: body.blocks.map(plainBlock),
    items: body.items.map((item) => (item.kind === "Attribute" ? plainAttribute(item) : plainBlock(item))),
  };
}

function plainAttribute(attribute: Attribute): unknown {
  const { kind, name, nameSpan, expression, start, end } = attribute;
  return { kind, name, nameSpan, expression, start, end };
}

function plainBlock(block: Block): unknown {
  const { kind, type, typeSpan, labels, openBrace, closeBrace, start, end } = block;
  return { kind, type, typeSpan, labels, openBrace, closeBrace, start, end, body: plainBody(block.body) };
}
