/**
 * Syntax tree of HCL native syntax (hclsyntax). Every node records its UTF-16 `start`/`end`
 * offsets in the file; `SourceFile.position` turns them into line, column and byte offset when a
 * node is reported, so parsing pays for no position bookkeeping it does not use.
 */
import type { Comment, SourceFile, Span } from "../../source/source-file.js";

export type { Comment, Span };

export interface Diagnostic {
  severity: "error" | "warning";
  /** Short summary, e.g. "Invalid expression". */
  summary: string;
  /** What was expected and what was found, e.g. `Expected "=" but found "{".` */
  detail: string;
  file: SourceFile;
  start: number;
  end: number;
}

export interface HclFile {
  file: SourceFile;
  body: Body;
  diagnostics: Diagnostic[];
  /** Comments in source order (for suppressions); `text` includes the comment markers. */
  comments: Comment[];
}

export interface Body extends Span {
  kind: "Body";
  attributes: Attribute[];
  blocks: Block[];
  /** Attributes and blocks in source order. */
  items: (Attribute | Block)[];
  /** Set when the body has more content that cannot be read statically (a CDKTF spread of a runtime value). */
  unknownContent?: string;
}

export interface Attribute extends Span {
  kind: "Attribute";
  name: string;
  nameSpan: Span;
  expression: Expression;
  /** Where the expression starts, when a compact tree knows it without parsing (it ends where the attribute does). */
  readonly expressionStart?: number;
}

export interface BlockLabel extends Span {
  value: string;
  quoted: boolean;
}

export interface Block extends Span {
  kind: "Block";
  type: string;
  typeSpan: Span;
  labels: BlockLabel[];
  body: Body;
  openBrace: Span;
  closeBrace: Span;
}

export type Expression =
  | LiteralExpression
  | TemplateExpression
  | VariableExpression
  | GetAttrExpression
  | IndexExpression
  | SplatExpression
  | FunctionCallExpression
  | TupleExpression
  | ObjectExpression
  | ForExpression
  | ConditionalExpression
  | BinaryExpression
  | UnaryExpression
  | ParenthesesExpression
  | SplatItemExpression
  | InvalidExpression;

export interface LiteralExpression extends Span {
  kind: "Literal";
  /** Numbers keep their source text in `raw` (HCL numbers are arbitrary precision). */
  value: string | number | boolean | null;
  raw?: string;
}

export type TemplatePart = TemplateLiteralPart | TemplateInterpolationPart | TemplateIfPart | TemplateForPart;

export interface TemplateLiteralPart extends Span {
  kind: "TemplateLiteral";
  /** The text with escapes (`\n`, `$${`, `%%{`) already decoded and strip markers applied. */
  value: string;
}

export interface TemplateInterpolationPart extends Span {
  kind: "TemplateInterpolation";
  expression: Expression;
  stripLeft: boolean;
  stripRight: boolean;
}

export interface TemplateIfPart extends Span {
  kind: "TemplateIf";
  condition: Expression;
  then: TemplateExpression;
  else?: TemplateExpression;
}

export interface TemplateForPart extends Span {
  kind: "TemplateFor";
  keyVariable?: string;
  valueVariable: string;
  collection: Expression;
  body: TemplateExpression;
}

export interface TemplateExpression extends Span {
  kind: "Template";
  parts: TemplatePart[];
  heredoc?: { marker: string; indented: boolean };
}

/** A root name: `var`, `aws_lb`, `each`, a for-expression symbol. */
export interface VariableExpression extends Span {
  kind: "Variable";
  name: string;
}

export interface GetAttrExpression extends Span {
  kind: "GetAttr";
  object: Expression;
  name: string;
  nameSpan: Span;
}

export interface IndexExpression extends Span {
  kind: "Index";
  object: Expression;
  key: Expression;
  /** `a.0` (legacy index) rather than `a[0]`. */
  legacy?: boolean;
}

/** `source[*].a.b` (full) or `source.*.a` (attribute-only, legacy). */
export interface SplatExpression extends Span {
  kind: "Splat";
  source: Expression;
  /** Applied to each element; rooted at a `SplatItem` placeholder. */
  each: Expression;
  full: boolean;
}

export interface FunctionCallExpression extends Span {
  kind: "FunctionCall";
  /** Full name, including any namespace: `provider::aws::arn_parse`. */
  name: string;
  nameSpan: Span;
  args: Expression[];
  /** The last argument is expanded with `...`. */
  expandFinal: boolean;
}

export interface TupleExpression extends Span {
  kind: "Tuple";
  items: Expression[];
}

export interface ObjectItem extends Span {
  /** A bare identifier key is a string `Literal` here (HCL reads `foo = 1` as the key "foo"). */
  key: Expression;
  value: Expression;
}

export interface ObjectExpression extends Span {
  kind: "Object";
  items: ObjectItem[];
}

export interface ForExpression extends Span {
  kind: "For";
  keyVariable?: string;
  valueVariable: string;
  collection: Expression;
  /** Present for the object form `{for k, v in x : k => v}`. */
  keyExpression?: Expression;
  valueExpression: Expression;
  condition?: Expression;
  /** `...` after the value: group values with equal keys. */
  grouping: boolean;
}

export interface ConditionalExpression extends Span {
  kind: "Conditional";
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
}

export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

export interface BinaryExpression extends Span {
  kind: "Binary";
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface UnaryExpression extends Span {
  kind: "Unary";
  operator: "!" | "-";
  operand: Expression;
}

export interface ParenthesesExpression extends Span {
  kind: "Parentheses";
  expression: Expression;
}

/** The element a splat's `each` traversal starts from. */
export interface SplatItemExpression extends Span {
  kind: "SplatItem";
}

/**
 * Stands where an expression could not be parsed (a diagnostic explains why), or, for input read
 * from another language (CDKTF TypeScript), where a value is not static: `reason` says what it was.
 */
export interface InvalidExpression extends Span {
  kind: "Invalid";
  reason?: string;
}

/** Calls `visit` on the expression and every expression inside it (template parts, items, arguments...). */
export function visitExpressions(expression: Expression, visit: (node: Expression) => void): void {
  const stack: unknown[] = [expression];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    if (typeof node !== "object" || node === null) continue;
    if (typeof (node as { kind?: unknown }).kind === "string") visit(node as Expression);
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) stack.push(value);
  }
}

/** The text a literal (`"x"`, a bare word, a number) or a template without interpolation stands for. */
export function literalText(expression: Expression | undefined): string | undefined {
  if (expression?.kind === "Literal") return expression.value === null ? undefined : String(expression.value);
  if (
    expression?.kind === "Template" &&
    expression.parts.length === 1 &&
    expression.parts[0].kind === "TemplateLiteral"
  )
    return expression.parts[0].value;
  return undefined;
}
