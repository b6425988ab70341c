/**
 * TypeScript expressions as HCL syntax trees, for what can be known without running the program:
 * literals, arrays, objects, template literals, `const`s (also imported from sibling modules),
 * enum members, members of constant objects, spreads of static objects, and references to other
 * constructs (`lb.arn` → `aws_lb.portal-lb.arn`). Anything else becomes an `Invalid` expression
 * with a reason, which the evaluator reads as unknown: the rules never guess at runtime values.
 *
 * A value inlined from elsewhere (a `const` in another module, a scalar `const`) takes the span of
 * the place it is used, so every span stays inside the file being read and findings point where the
 * user wrote it; an object or array literal of the same file keeps its own place (see siteFor).
 */
import type { Node } from "ts-morph";
import {
  visitExpressions,
  type BinaryOperator,
  type Expression,
  type ObjectItem,
  type Span,
  type TemplatePart,
} from "../hcl/ast.js";
import type { SourceFile } from "../../source/source-file.js";
import type { TsMorph } from "./load-ts-morph.js";
import { snakeCase } from "./names.js";
import { Scope, type Assumption, type Binding } from "./construct-scope.js";
import { assumedTruth } from "./path-facts.js";
import { keyIn } from "./key-presence.js";
import { symbolOf } from "./symbols.js";

/** TypeScript equality as HCL's (which compares values, as `===` does). */
const COMPARISONS = new Map<number, BinaryOperator>();

/**
 * Reading one value is bounded in steps, so names that fan out (`const a = [b, b]; const b = [c, c]`,
 * `x ?? x` chains) cannot make it exponential: past the bound the value is unknown.
 */
const MAX_STEPS_PER_VALUE = 20_000;
let stepsLeft = 0;
let reading = 0;

function metered<T>(read: () => T, exhausted: () => T): T {
  if (reading === 0) stepsLeft = MAX_STEPS_PER_VALUE;
  if (stepsLeft-- <= 0) return exhausted();
  reading++;
  try {
    return read();
  } finally {
    reading--;
  }
}

/** Following `const`s through `const`s is bounded, so a cycle cannot loop. */
const MAX_INDIRECTION = 32;

/** What an expression stands for once names are followed; undefined when only running it could tell. */
export type Resolved = Binding | undefined;

/** A JavaScript primitive known statically; `ABSENT` for `undefined`. */
const ABSENT = Symbol("undefined");
type Primitive = string | number | boolean | null | typeof ABSENT;

export class StaticExpressions {
  constructor(
    private readonly morph: TsMorph,
    /** The names bound where the expressions are read. */
    readonly scope: Scope,
    /** The scanned file a TypeScript file is, when it is one (values passed from it keep their place there). */
    private readonly fileOf: (node: Node) => SourceFile | undefined = () => undefined,
    /** Where props given at an instantiation are kept as named values, so a value's trace leads to its prop. */
    private readonly props?: PropValues,
    /** Outcomes of undecided conditions on the path being read (inside `if (waf)`, `waf` holds). */
    private readonly assumptions: readonly Assumption[] = [],
  ) {
    if (!COMPARISONS.size) {
      const { SyntaxKind } = morph;
      COMPARISONS.set(SyntaxKind.EqualsEqualsEqualsToken, "==");
      COMPARISONS.set(SyntaxKind.EqualsEqualsToken, "==");
      COMPARISONS.set(SyntaxKind.ExclamationEqualsEqualsToken, "!=");
      COMPARISONS.set(SyntaxKind.ExclamationEqualsToken, "!=");
    }
  }

  /** The same reader in another scope (a value is read where it was written). */
  in(scope: Scope): StaticExpressions {
    return scope === this.scope
      ? this
      : new StaticExpressions(this.morph, scope, this.fileOf, this.props, this.assumptions);
  }

  /**
   * `node` as an HCL expression whose spans lie in `node`'s file (or all at `site`). `straight`: the
   * expression is a whole attribute value, so a value passed in from an instantiation keeps its own
   * place (the prop at the call site), in whatever file that is.
   */
  convert(node: Node, site?: Span, depth = 0, straight = false): Expression {
    return metered(
      () => this.convertNode(node, site, depth, straight),
      () => ({
        kind: "Invalid",
        reason: "too large to read statically",
        ...(site ?? { start: node.getStart(), end: node.getEnd() }),
      }),
    );
  }

  private convertNode(node: Node, site: Span | undefined, depth: number, straight: boolean): Expression {
    const { Node: N, SyntaxKind } = this.morph;
    const at: Span = site ?? { start: node.getStart(), end: node.getEnd() };
    const unknown = (reason: string): Expression => ({ kind: "Invalid", reason, ...at });
    if (depth > MAX_INDIRECTION) return unknown(`${abbreviate(node.getText())} (too many indirections)`);
    const inner = unwrap(this.morph, node);
    if (inner !== node) return this.convert(inner, site, depth, straight);
    if (N.isStringLiteral(node) || N.isNoSubstitutionTemplateLiteral(node))
      return { kind: "Literal", value: node.getLiteralValue(), ...at };
    if (isPropertyName(this.morph, node)) return { kind: "Literal", value: node.getText(), ...at };
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
      // Decided here when the condition is (a prop given at this instantiation), else left to the evaluator.
      const truth = this.truth(node.getCondition());
      if (truth !== undefined) return this.convert(truth ? node.getWhenTrue() : node.getWhenFalse(), site, depth + 1);
      return {
        kind: "Conditional",
        condition: this.convert(node.getCondition(), site, depth + 1),
        trueResult: this.convert(node.getWhenTrue(), site, depth + 1),
        falseResult: this.convert(node.getWhenFalse(), site, depth + 1),
        ...at,
      };
    }
    if (N.isBinaryExpression(node)) {
      const operator = node.getOperatorToken().getKind();
      if (operator === SyntaxKind.PlusToken) return this.plus(node.getLeft(), node.getRight(), at, site, depth);
      if (
        operator === SyntaxKind.QuestionQuestionToken ||
        operator === SyntaxKind.BarBarToken ||
        operator === SyntaxKind.AmpersandAmpersandToken
      )
        return this.followed(node, this.resolve(node, depth + 1), at, site, depth, false);
      if (operator === SyntaxKind.InKeyword) {
        const truth = this.truth(node);
        return truth === undefined ? unknown(abbreviate(node.getText())) : { kind: "Literal", value: truth, ...at };
      }
      const comparison = COMPARISONS.get(operator);
      if (comparison) {
        // Decided here when both sides are known (`env === "dev"` in a loop), else compared by the evaluator.
        const truth = this.truth(node);
        if (truth !== undefined) return { kind: "Literal", value: truth, ...at };
        return {
          kind: "Binary",
          operator: comparison,
          left: this.convert(node.getLeft(), site, depth + 1),
          right: this.convert(node.getRight(), site, depth + 1),
          ...at,
        };
      }
      return unknown(abbreviate(node.getText()));
    }
    if (
      N.isIdentifier(node) ||
      N.isPropertyAccessExpression(node) ||
      N.isElementAccessExpression(node) ||
      node.getKind() === SyntaxKind.ThisKeyword
    ) {
      const construct = this.constructReference(node, at);
      if (construct) return construct;
      return this.followed(node, this.resolve(node, depth + 1), at, site, depth, straight);
    }
    if (N.isCallExpression(node)) {
      // A function of the project whose result is known here; anything else is unknown.
      const returned = this.returned(node, depth + 1);
      if (returned) return this.followed(node, returned, at, site, depth, false);
    }
    return unknown(abbreviate(node.getText()));
  }

  /** A name (or `??`, `||`, `&&`) followed to the value it stands for, shown at the use or where the value was written. */
  private followed(
    node: Node,
    resolved: Resolved,
    at: Span,
    site: Span | undefined,
    depth: number,
    straight: boolean,
  ): Expression {
    if (resolved?.kind === "absent") return { kind: "Literal", value: null, ...at };
    if (resolved?.kind === "construct")
      return { kind: "Invalid", reason: `the construct ${abbreviate(node.getText())} itself`, ...at };
    if (resolved?.kind !== "value" || resolved.node === node)
      return { kind: "Invalid", reason: abbreviate(node.getText()), ...at };
    const reader = this.in(resolved.scope);
    const elsewhere = this.fileOf(resolved.node);
    if (straight && !site && elsewhere && resolved.scope !== this.scope) {
      // A value passed straight from an instantiation: shown at the prop that gave it.
      const expression = reader.convert(resolved.node, undefined, depth + 1, true);
      if (elsewhere !== this.fileOf(node)) placeIn(expression, elsewhere);
      return expression;
    }
    const given =
      elsewhere && resolved.scope.instance !== this.scope.instance
        ? this.props?.name(
            resolved.node,
            resolved.scope,
            `${propText(this.morph, node)} given to ${instanceName(this.scope)}`,
          )
        : undefined;
    if (given) {
      // Given at an instantiation and used here: shown here, with the prop in the value's trace.
      const local: Expression = { kind: "Variable", name: "local", ...at };
      return { kind: "GetAttr", object: local, name: given, nameSpan: at, ...at };
    }
    return reader.convert(resolved.node, site ?? siteFor(resolved.node, node), depth + 1);
  }

  /** What a node stands for: a value written somewhere (with its scope), `undefined`, a construct or an instance. */
  resolve(node: Node, depth = 0): Resolved {
    return metered(
      () => this.resolveNode(node, depth),
      () => undefined,
    );
  }

  private resolveNode(node: Node, depth: number): Resolved {
    const { Node: N, SyntaxKind } = this.morph;
    if (depth > MAX_INDIRECTION) return undefined;
    const inner = unwrap(this.morph, node);
    const value = (found: Node): Resolved => ({ kind: "value", node: found, scope: this.scope });
    if (inner.getKind() === SyntaxKind.ThisKeyword) return { kind: "instance", instance: this.scope.instance };
    if (isPropertyName(this.morph, inner)) return value(inner);
    if (N.isIdentifier(inner)) {
      if (inner.getText() === "undefined") return { kind: "absent" };
      const symbol = symbolOf(this.morph, inner);
      if (!symbol) return undefined;
      const binding = this.scope.lookup(symbol.compilerSymbol);
      if (binding) return binding.kind === "value" ? this.in(binding.scope).resolve(binding.node, depth + 1) : binding;
      const declaration = symbol.getValueDeclaration() ?? symbol.getDeclarations()[0];
      if (declaration && N.isBindingElement(declaration)) return this.destructured(declaration, depth + 1);
      const declared = this.declaredValue(inner);
      return declared ? this.resolve(declared, depth + 1) : undefined;
    }
    if (N.isPropertyAccessExpression(inner) || N.isElementAccessExpression(inner)) {
      const base = this.resolve(inner.getExpression(), depth + 1);
      const key = N.isPropertyAccessExpression(inner) ? inner.getName() : this.primitive(inner.getArgumentExpression());
      if (base?.kind === "absent") return inner.hasQuestionDotToken() ? base : undefined;
      if (base?.kind === "instance" && typeof key === "string") {
        const field = base.instance.fields.get(key);
        return field?.kind === "value" ? this.in(field.scope).resolve(field.node, depth + 1) : field;
      }
      if (base?.kind === "value" && (typeof key === "string" || typeof key === "number"))
        return this.in(base.scope).member(base.node, key, depth + 1);
      // A construct's attribute (`lb.arn`), passed on through a const, a prop or an argument: the
      // expression itself, which becomes a reference where it is read.
      if (base?.kind === "construct") return value(inner);
      // Without a symbol (an unresolved import), a member of a static object can still be read.
      const declared = base ? undefined : this.declaredValue(inner);
      return declared ? this.resolve(declared, depth + 1) : undefined;
    }
    if (N.isCallExpression(inner)) {
      const returned = this.returned(inner, depth + 1);
      if (returned) return returned;
    }
    if (N.isConditionalExpression(inner)) {
      const truth = this.truth(inner.getCondition(), depth + 1);
      if (truth === undefined) return value(inner);
      return this.resolve(truth ? inner.getWhenTrue() : inner.getWhenFalse(), depth + 1);
    }
    if (N.isBinaryExpression(inner)) {
      const operator = inner.getOperatorToken().getKind();
      if (operator === SyntaxKind.QuestionQuestionToken) {
        const left = this.resolve(inner.getLeft(), depth + 1);
        const nullish = this.nullish(left);
        if (nullish === undefined) return value(inner);
        return nullish ? this.resolve(inner.getRight(), depth + 1) : left;
      }
      if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.AmpersandAmpersandToken) {
        const truth = this.truth(inner.getLeft(), depth + 1);
        if (truth === undefined) return value(inner);
        const takeLeft = operator === SyntaxKind.BarBarToken ? truth : !truth;
        return takeLeft ? this.resolve(inner.getLeft(), depth + 1) : this.resolve(inner.getRight(), depth + 1);
      }
    }
    return value(inner);
  }

  /**
   * What a call to a function of the project returns, read with its parameters bound: an arrow
   * function's expression, or a body of `const`s, `if`s decided here and `return`s
   * (`getStackName("posts")`). Anything else the function does leaves the result unknown.
   */
  private returned(call: import("ts-morph").CallExpression, depth: number): Resolved {
    const { Node: N } = this.morph;
    const callee = unwrap(this.morph, call.getExpression());
    if (!N.isIdentifier(callee)) return undefined;
    const declaration = symbolOf(this.morph, callee)?.getDeclarations()[0];
    const fn =
      declaration && N.isVariableDeclaration(declaration)
        ? declaration.getInitializer() && unwrap(this.morph, declaration.getInitializer() as Node)
        : declaration;
    if (!fn || !(N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn))) return undefined;
    if (fn.isAsync() || (N.isFunctionDeclaration(fn) && fn.isGenerator())) return undefined;
    const scope = new Scope(this.scope.instance, this.scope);
    bindParameters(
      this.morph,
      fn.getParameters(),
      call.getArguments().map((node) => ({ node, scope: this.scope })),
      scope,
    );
    const reader = this.in(scope);
    const body = fn.getBody();
    if (!body) return undefined;
    if (!N.isBlock(body)) return reader.resolve(body, depth + 1);
    const statements = [...body.getStatements()];
    while (statements.length) {
      const statement = statements.shift() as Node;
      if (N.isReturnStatement(statement)) {
        const expression = statement.getExpression();
        return expression ? reader.resolve(expression, depth + 1) : { kind: "absent" };
      }
      if (N.isVariableStatement(statement) && statement.getDeclarationKind() === "const") continue;
      if (!N.isIfStatement(statement)) return undefined;
      const truth = reader.truth(statement.getExpression(), depth + 1);
      if (truth === undefined) return undefined;
      const branch = truth ? statement.getThenStatement() : statement.getElseStatement();
      if (branch) statements.unshift(...(N.isBlock(branch) ? branch.getStatements() : [branch]));
    }
    return { kind: "absent" };
  }

  /**
   * A name taken apart from a value: `{ internal = false }: Props` in a constructor, `const { waf } =
   * props`, `for (const [name, port] of list)`, `({ name }) => ...`. The default applies when the
   * member is absent, as in JavaScript.
   */
  private destructured(element: import("ts-morph").BindingElement, depth: number): Resolved {
    const { Node: N } = this.morph;
    if (depth > MAX_INDIRECTION) return undefined;
    const pattern = element.getParent();
    const holder = pattern.getParent();
    let source: Resolved;
    const bound = this.scope.lookup(holder.compilerNode);
    if (bound) source = bound.kind === "value" ? this.in(bound.scope).resolve(bound.node, depth + 1) : bound;
    else if (N.isBindingElement(holder)) source = this.destructured(holder, depth + 1);
    else if (N.isVariableDeclaration(holder) && holder.getVariableStatement()?.getDeclarationKind() === "const") {
      const initializer = holder.getInitializer();
      source = initializer ? this.resolve(initializer, depth + 1) : undefined;
    }
    if (element.getDotDotDotToken()) return undefined;
    let taken: Resolved;
    if (source?.kind === "absent") taken = undefined;
    else if (source?.kind === "value") {
      const key = N.isArrayBindingPattern(pattern)
        ? pattern.getElements().indexOf(element)
        : (this.propertyKey(element) ?? undefined);
      taken = key === undefined ? undefined : this.in(source.scope).member(source.node, key, depth + 1);
    } else if (source?.kind === "instance") {
      const key = this.propertyKey(element);
      const field = key === undefined ? undefined : source.instance.fields.get(key);
      taken = field?.kind === "value" ? this.in(field.scope).resolve(field.node, depth + 1) : field;
    }
    const initializer = element.getInitializer();
    if (initializer && (taken?.kind === "absent" || (taken?.kind === "value" && this.nullish(taken) === true)))
      // Only `undefined` takes the default; a `null` written out stays null.
      return taken.kind === "absent" || this.in(taken.scope).literalPrimitive(taken.node) === ABSENT
        ? this.resolve(initializer, depth + 1)
        : taken;
    return taken;
  }

  private propertyKey(element: import("ts-morph").BindingElement): string | undefined {
    const { Node: N } = this.morph;
    const property = element.getPropertyNameNode();
    if (!property) return element.getName();
    if (N.isIdentifier(property)) return property.getText();
    if (N.isStringLiteral(property) || N.isNumericLiteral(property)) return String(property.getLiteralValue());
    if (N.isComputedPropertyName(property)) return this.text(property.getExpression());
    return undefined;
  }

  /** The member `key` of what `node` resolves to: an object literal's property, an array's element. */
  private member(node: Node, key: string | number, depth: number): Resolved {
    const { Node: N } = this.morph;
    if (N.isPropertyAssignment(node)) {
      // An entry of `Object.entries(o)`: `[name, value]`.
      if (key === 0) return { kind: "value", node: node.getNameNode(), scope: this.scope };
      const initializer = node.getInitializer();
      return key === 1 && initializer ? this.resolve(initializer, depth + 1) : undefined;
    }
    if (N.isArrayLiteralExpression(node)) {
      const elements = this.elements(node, depth);
      if (!elements || typeof key !== "number") return undefined;
      const element = elements[key];
      return element ? this.in(element.scope).resolve(element.node, depth + 1) : { kind: "absent" };
    }
    if (!N.isObjectLiteralExpression(node)) return undefined;
    const { members, unknown } = this.members(node, undefined, depth);
    const found = members.find((member) => member.name === String(key));
    if (found) return this.in(found.scope).resolve(found.value, depth + 1);
    return unknown ? undefined : { kind: "absent" };
  }

  /** True when a resolved value is `null` or `undefined`, false when it is something else, undefined when not known. */
  private nullish(resolved: Resolved): boolean | undefined {
    if (!resolved) return undefined;
    if (resolved.kind === "absent") return true;
    if (resolved.kind !== "value") return resolved.maybe ? undefined : false;
    const primitive = this.in(resolved.scope).literalPrimitive(resolved.node);
    if (primitive !== undefined) return primitive === null || primitive === ABSENT;
    const { Node: N } = this.morph;
    const inner = unwrap(this.morph, resolved.node);
    return N.isObjectLiteralExpression(inner) || N.isArrayLiteralExpression(inner) || N.isTemplateExpression(inner)
      ? false
      : undefined;
  }

  /** Whether a condition holds at this instantiation; undefined when only running the program could tell. */
  truth(node: Node, depth = 0): boolean | undefined {
    return metered(
      () => this.truthOf(node, depth),
      () => undefined,
    );
  }

  private truthOf(node: Node, depth: number): boolean | undefined {
    const { Node: N, SyntaxKind } = this.morph;
    if (depth > MAX_INDIRECTION) return undefined;
    const inner = unwrap(this.morph, node);
    if (this.assumptions.length) {
      const assumed = assumedTruth(this.morph, this.assumptions, inner, this.scope.instance);
      if (assumed !== undefined) return assumed;
    }
    if (N.isPrefixUnaryExpression(inner) && inner.getOperatorToken() === SyntaxKind.ExclamationToken) {
      const operand = this.truth(inner.getOperand(), depth + 1);
      return operand === undefined ? undefined : !operand;
    }
    if (N.isBinaryExpression(inner)) {
      const operator = inner.getOperatorToken().getKind();
      const equality = [
        SyntaxKind.EqualsEqualsEqualsToken,
        SyntaxKind.EqualsEqualsToken,
        SyntaxKind.ExclamationEqualsEqualsToken,
        SyntaxKind.ExclamationEqualsToken,
      ];
      if (equality.includes(operator)) {
        const left = this.primitive(inner.getLeft(), depth + 1);
        const right = this.primitive(inner.getRight(), depth + 1);
        if (left === undefined || right === undefined) return undefined;
        const loose = operator === SyntaxKind.EqualsEqualsToken || operator === SyntaxKind.ExclamationEqualsToken;
        const same =
          left === right || (loose && (left === null || left === ABSENT) && (right === null || right === ABSENT));
        return operator === SyntaxKind.EqualsEqualsEqualsToken || operator === SyntaxKind.EqualsEqualsToken
          ? same
          : !same;
      }
      if (operator === SyntaxKind.InKeyword) return keyIn(this.morph, this, inner.getLeft(), inner.getRight());
    }
    const resolved = this.resolve(inner, depth + 1);
    if (!resolved) return undefined;
    if (resolved.kind === "absent") return false;
    if (resolved.kind !== "value") return resolved.maybe ? undefined : true;
    if (resolved.node !== inner && resolved.scope !== this.scope)
      return this.in(resolved.scope).truth(resolved.node, depth + 1);
    const primitive = this.in(resolved.scope).literalPrimitive(resolved.node);
    if (primitive !== undefined) return primitive !== ABSENT && !!primitive;
    const target = unwrap(this.morph, resolved.node);
    if (N.isObjectLiteralExpression(target) || N.isArrayLiteralExpression(target)) return true;
    if (target !== inner) return this.in(resolved.scope).truth(target, depth + 1);
    return undefined;
  }

  /** A string, number, boolean or null known statically (a construct id, a loop element, a compared value). */
  primitive(node: Node | undefined, depth = 0): Primitive | undefined {
    return metered(
      () => this.primitiveOf(node, depth),
      () => undefined,
    );
  }

  private primitiveOf(node: Node | undefined, depth: number): Primitive | undefined {
    if (!node || depth > MAX_INDIRECTION) return undefined;
    const resolved = this.resolve(node, depth + 1);
    if (resolved?.kind === "absent") return ABSENT;
    if (resolved?.kind !== "value") return undefined;
    return this.in(resolved.scope).literalPrimitive(resolved.node, depth + 1);
  }

  /** The static string a node stands for (a construct id), if it has one. */
  text(node: Node | undefined): string | undefined {
    const primitive = this.primitive(node);
    return typeof primitive === "string" || typeof primitive === "number" ? String(primitive) : undefined;
  }

  private literalPrimitive(node: Node, depth = 0): Primitive | undefined {
    const { Node: N, SyntaxKind } = this.morph;
    const inner = unwrap(this.morph, node);
    if (N.isStringLiteral(inner) || N.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
    if (N.isNumericLiteral(inner)) return inner.getLiteralValue();
    if (isPropertyName(this.morph, inner)) return inner.getText();
    if (inner.getKind() === SyntaxKind.TrueKeyword) return true;
    if (inner.getKind() === SyntaxKind.FalseKeyword) return false;
    if (inner.getKind() === SyntaxKind.NullKeyword) return null;
    if (N.isIdentifier(inner) && inner.getText() === "undefined") return ABSENT;
    if (N.isTemplateExpression(inner)) {
      let text = inner.getHead().getLiteralText();
      for (const span of inner.getTemplateSpans()) {
        const part = this.primitive(span.getExpression(), depth + 1);
        if (part === undefined || part === ABSENT) return undefined;
        text += String(part) + span.getLiteral().getLiteralText();
      }
      return text;
    }
    if (N.isBinaryExpression(inner) && inner.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
      const left = this.primitive(inner.getLeft(), depth + 1);
      const right = this.primitive(inner.getRight(), depth + 1);
      if (left === undefined || right === undefined || left === ABSENT || right === ABSENT) return undefined;
      return typeof left === "string" || typeof right === "string"
        ? String(left) + String(right)
        : (left as number) + (right as number);
    }
    return undefined;
  }

  /** The elements of a static array (spreads of static arrays flattened), each with the scope to read it in. */
  elements(node: Node, depth = 0): { node: Node; scope: Scope }[] | undefined {
    const { Node: N } = this.morph;
    if (depth > MAX_INDIRECTION) return undefined;
    const entries = this.objectEntries(node, depth + 1);
    if (entries) return entries;
    const resolved = this.resolve(node, depth + 1);
    if (resolved?.kind !== "value") return undefined;
    const array = unwrap(this.morph, resolved.node);
    if (!N.isArrayLiteralExpression(array)) return undefined;
    const reader = this.in(resolved.scope);
    const result: { node: Node; scope: Scope }[] = [];
    for (const element of array.getElements()) {
      if (N.isSpreadElement(element)) {
        const spread = reader.elements(element.getExpression(), depth + 1);
        if (!spread) return undefined;
        result.push(...spread);
      } else result.push({ node: element, scope: resolved.scope });
    }
    return result;
  }

  /**
   * `Object.keys(o)`, `Object.values(o)`, `Object.entries(o)` of a static object: its property
   * names, values, or the properties themselves (read as `[name, value]` pairs).
   */
  private objectEntries(node: Node, depth: number): { node: Node; scope: Scope }[] | undefined {
    const { Node: N } = this.morph;
    const call = unwrap(this.morph, node);
    if (!N.isCallExpression(call) || call.getArguments().length !== 1) return undefined;
    const callee = unwrap(this.morph, call.getExpression());
    if (!N.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== "Object") return undefined;
    const which = callee.getName();
    if (which !== "keys" && which !== "values" && which !== "entries") return undefined;
    const object = this.literal(call.getArguments()[0]);
    if (!object || !N.isObjectLiteralExpression(object.node)) return undefined;
    const { members, unknown } = this.in(object.scope).members(object.node, undefined, depth);
    // A shorthand's name is also its value: only written-out properties give their names.
    if (unknown || (which !== "values" && members.some((member) => !N.isPropertyAssignment(member.property))))
      return undefined;
    return members.map((member) => ({
      node: which === "keys" ? member.nameNode : which === "values" ? member.value : member.property,
      scope: member.scope,
    }));
  }

  /**
   * The members either branch of an undecided `cond ? {...} : {...}` may set, when both branches
   * are static object literals; undefined otherwise.
   */
  private eitherObject(node: Node, depth: number): ObjectMember[] | undefined {
    const { Node: N } = this.morph;
    const inner = unwrap(this.morph, node);
    if (!N.isConditionalExpression(inner) || this.truth(inner.getCondition(), depth) !== undefined) return undefined;
    const found: ObjectMember[] = [];
    for (const branch of [inner.getWhenTrue(), inner.getWhenFalse()]) {
      const literal = this.literal(branch);
      if (!literal || !N.isObjectLiteralExpression(literal.node)) return undefined;
      const read = this.in(literal.scope).members(literal.node, undefined, depth + 1);
      if (read.unknown) return undefined;
      found.push(...read.members);
    }
    return found;
  }

  /** The object or array literal a node stands for, with the scope to read it in; undefined when not static. */
  literal(node: Node): { node: Node; scope: Scope } | undefined {
    const { Node: N } = this.morph;
    const resolved = this.resolve(node);
    if (resolved?.kind !== "value") return undefined;
    const inner = unwrap(this.morph, resolved.node);
    return N.isObjectLiteralExpression(inner) || N.isArrayLiteralExpression(inner)
      ? { node: inner, scope: resolved.scope }
      : undefined;
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
        const spread = this.literal(element.getExpression());
        if (!spread || !N.isArrayLiteralExpression(spread.node))
          return { kind: "Invalid", reason: abbreviate(node.getText()), ...at };
        const inlined = this.in(spread.scope).convert(spread.node, site ?? siteFor(spread.node, element), depth + 1);
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
      const value = this.in(member.scope).convert(member.value, member.site, depth + 1);
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
    const scope = this.scope;
    let unknown: string | undefined;
    if (depth > MAX_INDIRECTION) return { members: [], unknown: "too many indirections" };
    for (const property of node.getProperties()) {
      if (N.isPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        const name = N.isComputedPropertyName(nameNode)
          ? this.text(nameNode.getExpression())
          : N.isStringLiteral(nameNode) || N.isNumericLiteral(nameNode) || N.isNoSubstitutionTemplateLiteral(nameNode)
            ? String(nameNode.getLiteralValue())
            : nameNode.getText();
        if (name === undefined) {
          members.clear();
          unknown = `computed key ${abbreviate(nameNode.getText())}`;
          continue;
        }
        const initializer = property.getInitializer();
        if (initializer) members.set(name, { name, nameNode, value: initializer, property, site, scope });
      } else if (N.isShorthandPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        members.set(nameNode.getText(), { name: nameNode.getText(), nameNode, value: nameNode, property, site, scope });
      } else if (N.isSpreadAssignment(property)) {
        const spread = this.literal(property.getExpression());
        const either = spread ? undefined : this.eitherObject(property.getExpression(), depth + 1);
        if (either) {
          // `...(cond ? { tags } : {})`, the condition not known: the keys either side may set are
          // unknown (their value is the spread's), every other member stands.
          for (const member of either) {
            members.delete(member.name);
            members.set(member.name, { ...member, value: property, property, site, scope });
          }
          continue;
        }
        if (!spread || !N.isObjectLiteralExpression(spread.node)) {
          members.clear();
          unknown = `spread of ${abbreviate(property.getExpression().getText())}`;
          continue;
        }
        const inner = this.in(spread.scope).members(spread.node, site ?? siteFor(spread.node, property), depth + 1);
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
        members.set(nameNode.getText(), { name: nameNode.getText(), nameNode, value: property, property, site, scope });
      }
      // Methods are not configuration.
    }
    return { members: [...members.values()], unknown };
  }

  /** `lb.arn`, `this.lb.dnsName`, `props.web.lb.arn`: a traversal of another construct's attribute. */
  private constructReference(node: Node, at: Span): Expression | undefined {
    const { Node: N } = this.morph;
    const steps: string[] = [];
    let current: Node = unwrap(this.morph, node);
    for (;;) {
      const resolved = this.resolve(current);
      if (resolved?.kind === "construct") {
        const construct = resolved.address;
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
      if (resolved?.kind === "value" && resolved.node !== current) return undefined;
      if (!N.isPropertyAccessExpression(current)) return undefined;
      steps.push(current.getName());
      current = unwrap(this.morph, current.getExpression());
    }
  }

  /** The initializer a name or member stands for: a `const`, an enum member, a constant object's member, a destructured name. */
  private declaredValue(node: Node): Node | undefined {
    const { Node: N } = this.morph;
    if (N.isElementAccessExpression(node)) return undefined;
    const symbol = symbolOf(this.morph, node);
    const declaration = symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
    if (!declaration) {
      if (N.isPropertyAccessExpression(node)) {
        const object = this.literal(node.getExpression());
        return object && N.isObjectLiteralExpression(object.node)
          ? memberValue(this.morph, object.node, node.getName())
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
    // `static prefix = "gql"`: constant while nothing in its file assigns it.
    if (N.isPropertyDeclaration(declaration) && declaration.isStatic()) {
      const name = declaration.getName();
      const assigned = new RegExp(`\\.${name.replace(/[^\w$]/g, "")}\\s*(?:[-+*/]?=(?!=)|\\+\\+|--)`);
      return declaration.isReadonly() || !assigned.test(declaration.getSourceFile().getFullText())
        ? declaration.getInitializer()
        : undefined;
    }
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

/** Props given at instantiations, each kept as one named value of the stack's module. */
export interface PropValues {
  /** The name the value written at `node` (read in `scope`) is kept under; `label` names it the first time. */
  name(node: Node, scope: Scope, label: string): string | undefined;
}

/** The prop a value is read from: `props.internal` in `props.internal ?? false`. */
function propText(morph: TsMorph, node: Node): string {
  let current = unwrap(morph, node);
  while (morph.Node.isBinaryExpression(current)) current = unwrap(morph, current.getLeft());
  return abbreviate(current.getText());
}

function instanceName(scope: Scope): string {
  return scope.instance.path.map((id) => id ?? "?").join("/") || "the stack";
}

/** Binds each parameter to its argument, its default when the argument is left out, or leaves it unknown. */
export function bindParameters(
  morph: TsMorph,
  parameters: readonly import("ts-morph").ParameterDeclaration[],
  args: readonly { node: Node; scope: Scope }[] | undefined,
  scope: Scope,
): void {
  const { Node: N } = morph;
  if (!args) return;
  for (const [index, parameter] of parameters.entries()) {
    if (parameter.isRestParameter()) return;
    const arg = args[index];
    if (arg && N.isSpreadElement(arg.node)) return;
    const given = arg && new StaticExpressions(morph, arg.scope).resolve(arg.node);
    const initializer = parameter.getInitializer();
    const binding =
      (!arg || given?.kind === "absent") && initializer
        ? { kind: "value" as const, node: initializer, scope }
        : arg
          ? { kind: "value" as const, node: arg.node, scope: arg.scope }
          : { kind: "absent" as const };
    const name = parameter.getNameNode();
    if (N.isIdentifier(name)) {
      const symbol = symbolOf(morph, name);
      if (symbol) scope.bind(symbol.compilerSymbol, binding);
      // A parameter property's name is both the parameter and the property: each has its symbol.
      const locals = (parameter.getParentOrThrow().compilerNode as { locals?: Map<string, object> }).locals;
      const local = locals?.get(morph.ts.escapeLeadingUnderscores(name.getText()) as string);
      if (local) scope.bind(local, binding);
      // `constructor(scope, id, public options: Options)`: also a field of the instance.
      if (parameter.isParameterProperty()) scope.instance.fields.set(name.getText(), binding);
    } else scope.bind(parameter.compilerNode, binding);
  }
}
/** The name of a property written out
 (`dev` in `{ dev: {...} }`), read as the string it is, from `Object.keys`. */
function isPropertyName(morph: TsMorph, node: Node): boolean {
  const parent = node.getParent();
  return (
    morph.Node.isIdentifier(node) &&
    !!parent &&
    morph.Node.isPropertyAssignment(parent) &&
    parent.getNameNode() === node
  );
}

/** Marks an expression (and all inside it) as written in `file`, not the file of the block holding it. */
function placeIn(expression: Expression, file: SourceFile): void {
  visitExpressions(expression, (node) => {
    Object.defineProperty(node, "file", { value: file, enumerable: false, configurable: true });
  });
}

export interface ObjectMember {
  name: string;
  nameNode: Node;
  value: Node;
  property: Node;
  /** Where the member is shown when it was inlined from elsewhere. */
  site: Span | undefined;
  /** The scope its value is read in. */
  scope: Scope;
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

/**
 * Where a value reached through a name is shown. An object or array literal of the use's own file
 * (`const base = {...}` passed as props or spread into them) keeps its place: a finding about one
 * of its properties belongs at that property, as in a literal written inline. Any other inlined
 * value (a scalar `const`, a literal of another module) takes the span of the place it is used.
 */
export function siteFor(declared: Node, use: Node): Span | undefined {
  if (isWithin(declared, use)) return undefined;
  if (declared.getSourceFile() === use.getSourceFile() && isStructure(declared)) return undefined;
  return { start: use.getStart(), end: use.getEnd() };
}

const STRUCTURES = new Set(["ObjectLiteralExpression", "ArrayLiteralExpression"]);

/** An object or array literal, through parentheses, `as` and `satisfies`. */
function isStructure(node: Node): boolean {
  let current = node;
  while (["ParenthesizedExpression", "AsExpression", "SatisfiesExpression"].includes(current.getKindName()))
    current = (current as Node & { getExpression(): Node }).getExpression();
  return STRUCTURES.has(current.getKindName());
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
