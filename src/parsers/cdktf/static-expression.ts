/**
 * TypeScript expressions as HCL syntax trees, for what can be known without running the program:
 * literals, arrays, objects, template literals, `const`s (also imported from sibling modules),
 * enum members, members of constant objects, spreads of static objects, and references to other
 * constructs (`lb.arn` → `aws_lb.portal-lb.arn`). Anything else becomes an `Invalid` expression
 * with a reason, which the evaluator reads as unknown: the rules never guess at runtime values.
 *
 * A value inlined from elsewhere (a `const` in another module) takes the span of the place it is
 * used, so every span stays inside the file being read and findings point where the user wrote it.
 */
import type { Node, Symbol as MorphSymbol } from "ts-morph";
import type { Expression, ObjectItem, Span, TemplatePart } from "../hcl/ast.js";
import type { TsMorph } from "./load-ts-morph.js";
import { snakeCase } from "./names.js";

/** A construct another expression can refer to, as Terraform addresses it. */
export interface ConstructAddress {
  type: string;
  name: string;
  mode: "managed" | "data";
}

/** Following `const`s through `const`s is bounded, so a cycle cannot loop. */
const MAX_INDIRECTION = 32;

export class StaticExpressions {
  constructor(
    private readonly morph: TsMorph,
    /** The construct a variable or field holds, by the compiler symbol it is declared with. */
    private readonly constructs: ReadonlyMap<object, ConstructAddress>,
  ) {}

  /** `node` as an HCL expression whose spans lie in `node`'s file (or all at `site`). */
  convert(node: Node, site?: Span, depth = 0): Expression {
    const { Node: N, SyntaxKind } = this.morph;
    const at: Span = site ?? { start: node.getStart(), end: node.getEnd() };
    const unknown = (reason: string): Expression => ({ kind: "Invalid", reason, ...at });
    if (depth > MAX_INDIRECTION) return unknown(`${abbreviate(node.getText())} (too many indirections)`);
    const inner = unwrap(this.morph, node);
    if (inner !== node) return this.convert(inner, site, depth);
    if (N.isStringLiteral(node) || N.isNoSubstitutionTemplateLiteral(node))
      return { kind: "Literal", value: node.getLiteralValue(), ...at };
    if (N.isNumericLiteral(node)) return { kind: "Literal", value: node.getLiteralValue(), raw: node.getText(), ...at };
    if (node.getKind() === SyntaxKind.TrueKeyword || node.getKind() === SyntaxKind.FalseKeyword)
      return { kind: "Literal", value: node.getKind() === SyntaxKind.TrueKeyword, ...at };
    if (node.getKind() === SyntaxKind.NullKeyword || (N.isIdentifier(node) && node.getText() === "undefined"))
      return { kind: "Literal", value: null, ...at };
    if (N.isPrefixUnaryExpression(node)) {
      const operand = this.convert(node.getOperand(), site, depth + 1);
      const operator = node.getOperatorToken();
      if (operator === SyntaxKind.MinusToken) return { kind: "Unary", operator: "-", operand, ...at };
      if (operator === SyntaxKind.ExclamationToken) return { kind: "Unary", operator: "!", operand, ...at };
      return unknown(abbreviate(node.getText()));
    }
    if (N.isTemplateExpression(node)) return this.template(node, site, depth);
    if (N.isArrayLiteralExpression(node)) return this.array(node, at, site, depth);
    if (N.isObjectLiteralExpression(node)) return this.object(node, at, site, depth);
    if (N.isConditionalExpression(node)) {
      return {
        kind: "Conditional",
        condition: this.convert(node.getCondition(), site, depth + 1),
        trueResult: this.convert(node.getWhenTrue(), site, depth + 1),
        falseResult: this.convert(node.getWhenFalse(), site, depth + 1),
        ...at,
      };
    }
    if (N.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken)
      return this.plus(node.getLeft(), node.getRight(), at, site, depth);
    if (N.isIdentifier(node) || N.isPropertyAccessExpression(node) || N.isElementAccessExpression(node))
      return this.reference(node, at, site, depth);
    return unknown(abbreviate(node.getText()));
  }

  /** The object or array literal a node stands for, following `const`s; undefined when not static. */
  literal(node: Node, depth = 0): Node | undefined {
    const { Node: N } = this.morph;
    if (depth > MAX_INDIRECTION) return undefined;
    const inner = unwrap(this.morph, node);
    if (N.isObjectLiteralExpression(inner) || N.isArrayLiteralExpression(inner)) return inner;
    if (N.isIdentifier(inner) || N.isPropertyAccessExpression(inner) || N.isElementAccessExpression(inner)) {
      const declared = this.declaredValue(inner);
      return declared ? this.literal(declared, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The construct a variable, field or `new` expression holds. */
  constructAt(node: Node): ConstructAddress | undefined {
    const symbol = symbolOf(this.morph, node);
    return symbol ? this.constructs.get(symbol.compilerSymbol) : undefined;
  }

  private template(node: import("ts-morph").TemplateExpression, site: Span | undefined, depth: number): Expression {
    const at: Span = site ?? { start: node.getStart(), end: node.getEnd() };
    const parts: TemplatePart[] = [];
    const head = node.getHead();
    parts.push({
      kind: "TemplateLiteral",
      value: head.getLiteralText(),
      ...(site ?? { start: head.getStart(), end: head.getEnd() }),
    });
    for (const span of node.getTemplateSpans()) {
      const expression = this.convert(span.getExpression(), site, depth + 1);
      parts.push({
        kind: "TemplateInterpolation",
        expression,
        stripLeft: false,
        stripRight: false,
        ...(site ?? { start: expression.start, end: expression.end }),
      });
      const literal = span.getLiteral();
      parts.push({
        kind: "TemplateLiteral",
        value: literal.getLiteralText(),
        ...(site ?? { start: literal.getStart(), end: literal.getEnd() }),
      });
    }
    return {
      kind: "Template",
      parts: parts.filter((part) => part.kind !== "TemplateLiteral" || part.value !== ""),
      ...at,
    };
  }

  /** `a + b`: string concatenation when either side is a string, else arithmetic. */
  private plus(left: Node, right: Node, at: Span, site: Span | undefined, depth: number): Expression {
    const a = this.convert(left, site, depth + 1);
    const b = this.convert(right, site, depth + 1);
    const isString = (expression: Expression) =>
      (expression.kind === "Literal" && typeof expression.value === "string") || expression.kind === "Template";
    if (!isString(a) && !isString(b)) return { kind: "Binary", operator: "+", left: a, right: b, ...at };
    const part = (expression: Expression): TemplatePart => ({
      kind: "TemplateInterpolation",
      expression,
      stripLeft: false,
      stripRight: false,
      start: expression.start,
      end: expression.end,
    });
    return { kind: "Template", parts: [part(a), part(b)], ...at };
  }

  private array(
    node: import("ts-morph").ArrayLiteralExpression,
    at: Span,
    site: Span | undefined,
    depth: number,
  ): Expression {
    const { Node: N } = this.morph;
    const items: Expression[] = [];
    for (const element of node.getElements()) {
      if (N.isSpreadElement(element)) {
        const spread = this.literal(element.getExpression(), depth + 1);
        if (!spread || !N.isArrayLiteralExpression(spread))
          return { kind: "Invalid", reason: abbreviate(node.getText()), ...at };
        const inlined = this.convert(spread, site ?? siteFor(spread, element), depth + 1);
        if (inlined.kind !== "Tuple") return inlined;
        items.push(...inlined.items);
      } else if (N.isOmittedExpression(element)) {
        items.push({ kind: "Literal", value: null, ...at });
      } else {
        items.push(this.convert(element, site, depth + 1));
      }
    }
    return { kind: "Tuple", items, ...at };
  }

  private object(
    node: import("ts-morph").ObjectLiteralExpression,
    at: Span,
    site: Span | undefined,
    depth: number,
  ): Expression {
    const items: ObjectItem[] = [];
    const { members, unknown } = this.members(node, site, depth);
    if (unknown) return { kind: "Invalid", reason: unknown, ...at };
    for (const member of members) {
      const keySpan = site ?? { start: member.nameNode.getStart(), end: member.nameNode.getEnd() };
      const value = this.convert(member.value, member.site, depth + 1);
      const start = site?.start ?? member.nameNode.getStart();
      items.push({
        key: { kind: "Literal", value: member.name, ...keySpan },
        value,
        start,
        end: Math.max(start, value.end),
      });
    }
    return { kind: "Object", items, ...at };
  }

  /**
   * The members of an object literal with static spreads flattened in order (later keys win, as
   * in JavaScript). A spread of a runtime value may set any key: the members before it are
   * dropped and `unknown` says why; members after it still stand.
   */
  members(
    node: import("ts-morph").ObjectLiteralExpression,
    site: Span | undefined,
    depth = 0,
  ): { members: ObjectMember[]; unknown?: string } {
    const { Node: N } = this.morph;
    const members = new Map<string, ObjectMember>();
    let unknown: string | undefined;
    for (const property of node.getProperties()) {
      if (N.isPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        const name = N.isComputedPropertyName(nameNode)
          ? undefined
          : N.isStringLiteral(nameNode) || N.isNumericLiteral(nameNode) || N.isNoSubstitutionTemplateLiteral(nameNode)
            ? String(nameNode.getLiteralValue())
            : nameNode.getText();
        if (name === undefined) {
          members.clear();
          unknown = `computed key ${abbreviate(nameNode.getText())}`;
          continue;
        }
        const initializer = property.getInitializer();
        if (initializer) members.set(name, { name, nameNode, value: initializer, property, site });
      } else if (N.isShorthandPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        members.set(nameNode.getText(), { name: nameNode.getText(), nameNode, value: nameNode, property, site });
      } else if (N.isSpreadAssignment(property)) {
        const spread = this.literal(property.getExpression(), depth + 1);
        if (!spread || !N.isObjectLiteralExpression(spread)) {
          members.clear();
          unknown = `spread of ${abbreviate(property.getExpression().getText())}`;
          continue;
        }
        const inner = this.members(spread, site ?? siteFor(spread, property), depth + 1);
        if (inner.unknown) {
          members.clear();
          unknown = inner.unknown;
        }
        for (const member of inner.members) {
          members.delete(member.name);
          members.set(member.name, member);
        }
      } else if (N.isGetAccessorDeclaration(property)) {
        // A getter is a property whose value code computes: known by name, unknown in value.
        const nameNode = property.getNameNode();
        members.set(nameNode.getText(), { name: nameNode.getText(), nameNode, value: property, property, site });
      }
      // Methods are not configuration.
    }
    return { members: [...members.values()], unknown };
  }

  private reference(node: Node, at: Span, site: Span | undefined, depth: number): Expression {
    const construct = this.constructReference(node, at);
    if (construct) return construct;
    const declared = this.declaredValue(node);
    if (declared) return this.convert(declared, site ?? siteFor(declared, node), depth + 1);
    return { kind: "Invalid", reason: abbreviate(node.getText()), ...at };
  }

  /** `lb.arn`, `this.lb.dnsName`: a traversal of another construct's attribute. */
  private constructReference(node: Node, at: Span): Expression | undefined {
    const { Node: N } = this.morph;
    const steps: string[] = [];
    let current: Node = node;
    for (;;) {
      const construct = this.constructAt(current);
      if (construct) {
        if (!steps.length)
          return { kind: "Invalid", reason: `the construct ${abbreviate(node.getText())} itself`, ...at };
        let expression: Expression = {
          kind: "Variable",
          name: construct.mode === "data" ? "data" : construct.type,
          ...at,
        };
        if (construct.mode === "data")
          expression = { kind: "GetAttr", object: expression, name: construct.type, nameSpan: at, ...at };
        expression = { kind: "GetAttr", object: expression, name: construct.name, nameSpan: at, ...at };
        for (const step of steps.reverse())
          expression = { kind: "GetAttr", object: expression, name: snakeCase(step), nameSpan: at, ...at };
        return expression;
      }
      if (!N.isPropertyAccessExpression(current)) return undefined;
      steps.push(current.getName());
      current = current.getExpression();
    }
  }

  /** The initializer a name or member stands for: a `const`, an enum member, a constant object's member. */
  private declaredValue(node: Node): Node | undefined {
    const { Node: N } = this.morph;
    if (N.isElementAccessExpression(node)) {
      const key = node.getArgumentExpression();
      const object = this.literal(node.getExpression());
      if (!key || !object) return undefined;
      const index = unwrap(this.morph, key);
      if (N.isArrayLiteralExpression(object) && N.isNumericLiteral(index))
        return object.getElements()[index.getLiteralValue()];
      if (N.isObjectLiteralExpression(object) && (N.isStringLiteral(index) || N.isNoSubstitutionTemplateLiteral(index)))
        return memberValue(this.morph, object, index.getLiteralValue());
      return undefined;
    }
    const symbol = symbolOf(this.morph, node);
    const declaration = symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
    if (!declaration) {
      // Without a symbol (an unresolved import), a member of a static object can still be read.
      if (N.isPropertyAccessExpression(node)) {
        const object = this.literal(node.getExpression());
        return object && N.isObjectLiteralExpression(object)
          ? memberValue(this.morph, object, node.getName())
          : undefined;
      }
      return undefined;
    }
    if (N.isVariableDeclaration(declaration)) {
      const statement = declaration.getVariableStatement();
      if (!statement || statement.getDeclarationKind() !== "const") return undefined;
      return declaration.getInitializer();
    }
    if (N.isPropertyAssignment(declaration))
      return this.isConstantObject(declaration.getParent()) ? declaration.getInitializer() : undefined;
    if (N.isShorthandPropertyAssignment(declaration))
      return this.isConstantObject(declaration.getParent()) ? declaration.getNameNode() : undefined;
    if (N.isEnumMember(declaration)) return declaration.getInitializer();
    return undefined;
  }

  /** An object literal that is a `const`'s value (possibly nested), so its members are fixed. */
  private isConstantObject(node: Node | undefined): boolean {
    const { Node: N } = this.morph;
    let current = node;
    while (
      current &&
      (N.isObjectLiteralExpression(current) ||
        N.isPropertyAssignment(current) ||
        N.isAsExpression(current) ||
        N.isSatisfiesExpression(current) ||
        N.isParenthesizedExpression(current) ||
        N.isArrayLiteralExpression(current))
    )
      current = current.getParent();
    return (
      !!current && N.isVariableDeclaration(current) && current.getVariableStatement()?.getDeclarationKind() === "const"
    );
  }
}

export interface ObjectMember {
  name: string;
  nameNode: Node;
  value: Node;
  property: Node;
  /** Where the member is shown when it was inlined from elsewhere. */
  site: Span | undefined;
}

/** Strips what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>`. */
export function unwrap(morph: TsMorph, node: Node): Node {
  const { Node: N } = morph;
  let current = node;
  for (;;) {
    if (
      N.isParenthesizedExpression(current) ||
      N.isAsExpression(current) ||
      N.isSatisfiesExpression(current) ||
      N.isNonNullExpression(current) ||
      N.isTypeAssertion(current)
    )
      current = current.getExpression();
    else return current;
  }
}

function memberValue(
  morph: TsMorph,
  object: import("ts-morph").ObjectLiteralExpression,
  name: string,
): Node | undefined {
  const { Node: N } = morph;
  for (const property of [...object.getProperties()].reverse()) {
    if (
      N.isPropertyAssignment(property) &&
      (property.getName() === name || property.getName() === JSON.stringify(name))
    )
      return property.getInitializer();
    if (N.isShorthandPropertyAssignment(property) && property.getName() === name) return property.getNameNode();
  }
  return undefined;
}

/** The symbol a name or member refers to, through import aliases. */
export function symbolOf(morph: TsMorph, node: Node): MorphSymbol | undefined {
  const { Node: N } = morph;
  const target = N.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  const parent = target.getParent();
  let symbol: MorphSymbol | undefined;
  try {
    // `{ originId }` names both a property and the variable whose value it takes: the latter counts.
    symbol =
      parent && N.isShorthandPropertyAssignment(parent) && parent.getNameNode() === target
        ? parent.getValueSymbol()
        : target.getSymbol();
  } catch {
    return undefined;
  }
  return symbol?.isAlias() ? (symbol.getAliasedSymbol() ?? symbol) : symbol;
}

/** An inlined value takes the span of the place it is used: that is where a finding about it belongs. */
export function siteFor(declared: Node, use: Node): Span | undefined {
  return isWithin(declared, use) ? undefined : { start: use.getStart(), end: use.getEnd() };
}

/** True when `inner` is part of `outer`'s own text (not reached through a name). */
export function isWithin(inner: Node, outer: Node): boolean {
  return (
    inner.getSourceFile() === outer.getSourceFile() &&
    inner.getStart() >= outer.getStart() &&
    inner.getEnd() <= outer.getEnd()
  );
}

function abbreviate(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
