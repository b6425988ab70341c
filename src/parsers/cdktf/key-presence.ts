/**
 * JavaScript's `key in object` on values known statically: an object literal (its own properties,
 * static spreads flattened) or an array literal (its indices), then what every object or array
 * inherits. `"policy" in l`, where `l` is an element of a constant array, decides which props a
 * construct gets; where the object is only known at run time, the answer stays undecided.
 */
import type { Node, ObjectLiteralExpression } from "ts-morph";
import type { TsMorph } from "./load-ts-morph.js";
import type { Binding, Scope } from "./construct-scope.js";

/** What is read of the static reader (static-expression.ts), which calls this module. */
export interface StaticReader {
  in(scope: Scope): StaticReader;
  text(node: Node): string | undefined;
  resolve(node: Node): Binding | undefined;
  literal(node: Node): { node: Node; scope: Scope } | undefined;
  elements(node: Node): { node: Node; scope: Scope }[] | undefined;
}

/** Spreads followed inside spreads at most: deeper is left undecided. */
const MAX_SPREAD_DEPTH = 32;

/** `key in object`: true or false when both are known statically, undefined otherwise. */
export function keyIn(morph: TsMorph, reader: StaticReader, key: Node, object: Node): boolean | undefined {
  const name = reader.text(key);
  if (name === undefined) return undefined;
  const literal = reader.literal(object);
  if (!literal) return undefined;
  const inner = reader.in(literal.scope);
  if (morph.Node.isArrayLiteralExpression(literal.node)) {
    const elements = inner.elements(literal.node);
    if (!elements) return undefined;
    const index = /^(?:0|[1-9]\d*)$/.test(name) ? Number(name) : undefined;
    // A hole (`[, 1]`) is no element: `0 in [, 1]` is false.
    if (index !== undefined && index < elements.length) return !morph.Node.isOmittedExpression(elements[index].node);
    return name in [];
  }
  if (!morph.Node.isObjectLiteralExpression(literal.node)) return undefined;
  const own = ownKey(morph, inner, literal.node, name, 0);
  return own === false ? name in {} : own;
}

/** Whether an object literal sets `name` itself (or through a spread of a static object). */
function ownKey(
  morph: TsMorph,
  reader: StaticReader,
  object: ObjectLiteralExpression,
  name: string,
  depth: number,
): boolean | undefined {
  const { Node: N } = morph;
  if (depth > MAX_SPREAD_DEPTH) return undefined;
  let found: boolean | undefined = false;
  const merge = (answer: boolean | undefined) => {
    if (answer === true) found = true;
    else if (answer === undefined && found === false) found = undefined;
  };
  for (const property of object.getProperties()) {
    if (N.isSpreadAssignment(property)) {
      merge(spreadKey(morph, reader, property.getExpression(), name, depth + 1));
      continue;
    }
    const nameNode = property.getNameNode();
    // `__proto__: x` sets the prototype, and so what the object inherits.
    const key = N.isComputedPropertyName(nameNode)
      ? reader.text(nameNode.getExpression())
      : N.isStringLiteral(nameNode) || N.isNumericLiteral(nameNode) || N.isNoSubstitutionTemplateLiteral(nameNode)
        ? String(nameNode.getLiteralValue())
        : nameNode.getText();
    if (key === "__proto__") return undefined;
    merge(key === undefined ? undefined : key === name);
  }
  return found;
}

/** The keys a spread adds: a static object's, none for `undefined`, either branch's when both agree. */
function spreadKey(
  morph: TsMorph,
  reader: StaticReader,
  spread: Node,
  name: string,
  depth: number,
): boolean | undefined {
  const { Node: N } = morph;
  const resolved = reader.resolve(spread);
  if (resolved?.kind === "absent") return false;
  const literal = reader.literal(spread);
  if (literal && N.isObjectLiteralExpression(literal.node))
    return ownKey(morph, reader.in(literal.scope), literal.node, name, depth);
  // `...(cond ? { a } : {})` with the condition undecided: known only when both branches agree.
  if (resolved?.kind === "value" && N.isConditionalExpression(resolved.node)) {
    const branches = [resolved.node.getWhenTrue(), resolved.node.getWhenFalse()].map((branch) =>
      spreadKey(morph, reader.in(resolved.scope), branch, name, depth + 1),
    );
    return branches[0] === branches[1] ? branches[0] : undefined;
  }
  return undefined;
}
