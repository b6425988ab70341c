/**
 * What a path through the program knows of conditions iflint cannot decide: the same condition
 * met again on that path (`const sku = useWaf ? "WAF_v2" : "Standard_v2"` read for the gateway
 * made after `if (useWaf) return ...`) has the outcome the path took. Two conditions are the same
 * when they are written alike and every name in them is the same constant (a `const`, an import,
 * a parameter of the same call, a global), so their values cannot differ in between.
 */
import type { Node } from "ts-morph";
import type { Assumption, ConstructInstance } from "./construct-scope.js";
import type { TsMorph } from "./load-ts-morph.js";
import { symbolOf } from "./symbols.js";

/** The outcome the path's assumptions give a condition; undefined when none is about it. */
export function assumedTruth(
  morph: TsMorph,
  assumptions: readonly Assumption[],
  condition: Node,
  instance: ConstructInstance,
): boolean | undefined {
  for (const assumption of assumptions) {
    if (usesThis(morph, condition) && assumption.instance !== instance) continue;
    const relation = relationOf(morph, assumption.condition, condition);
    if (relation === "same") return assumption.holds;
    if (relation === "opposite") return !assumption.holds;
  }
  return undefined;
}

/** `a === b` against `a !== b`: the same operands, opposite operators. */
const OPPOSITES: Record<string, string> = { "===": "!==", "!==": "===", "==": "!=", "!=": "==" };

function relationOf(morph: TsMorph, known: Node, asked: Node): "same" | "opposite" | undefined {
  const { Node: N } = morph;
  if (sameExpression(morph, known, asked)) return "same";
  if (N.isBinaryExpression(known) && N.isBinaryExpression(asked)) {
    const operator = known.getOperatorToken().getText();
    if (
      OPPOSITES[operator] === asked.getOperatorToken().getText() &&
      sameExpression(morph, known.getLeft(), asked.getLeft()) &&
      sameExpression(morph, known.getRight(), asked.getRight())
    )
      return "opposite";
  }
  return undefined;
}

/** Written alike, with every name the same constant. */
function sameExpression(morph: TsMorph, a: Node, b: Node): boolean {
  if (a === b) return true;
  if (compact(a) !== compact(b)) return false;
  const names = (node: Node) =>
    morph.Node.isIdentifier(node) ? [node] : node.getDescendantsOfKind(morph.SyntaxKind.Identifier);
  const [left, right] = [names(a), names(b)];
  if (left.length !== right.length) return false;
  return left.every((name, index) => sameConstant(morph, name, right[index]));
}

function sameConstant(morph: TsMorph, a: Node, b: Node): boolean {
  const [symbolA, symbolB] = [symbolOf(morph, a), symbolOf(morph, b)];
  // A global (`process.env.X`) or a member of a type not read: the same name is the same value.
  if (!symbolA || !symbolB) return !symbolA && !symbolB;
  return (
    symbolA.compilerSymbol === symbolB.compilerSymbol &&
    symbolA.getDeclarations().every((declaration) => fixed(morph, declaration))
  );
}

/** A name nothing can assign between two reads: not a `let` or `var`, not a field that is not readonly. */
function fixed(morph: TsMorph, declaration: Node): boolean {
  const { Node: N, SyntaxKind } = morph;
  if (N.isBindingElement(declaration)) {
    const holder = declaration.getFirstAncestor(
      (node) => N.isVariableDeclaration(node) || N.isParameterDeclaration(node),
    );
    return !!holder && fixed(morph, holder);
  }
  if (N.isVariableDeclaration(declaration)) return declaration.getVariableStatement()?.getDeclarationKind() === "const";
  if (N.isPropertyDeclaration(declaration)) return declaration.hasModifier(SyntaxKind.ReadonlyKeyword);
  return true;
}

function usesThis(morph: TsMorph, node: Node): boolean {
  return (
    node.getKind() === morph.SyntaxKind.ThisKeyword || !!node.getFirstDescendantByKind(morph.SyntaxKind.ThisKeyword)
  );
}

function compact(node: Node): string {
  return node.getText().replace(/\s+/g, "");
}
