/** Symbols of TypeScript names, as the static reader and the construct tree follow them. */
import type { Node, Symbol as MorphSymbol } from "ts-morph";
import type { TsMorph } from "./load-ts-morph.js";

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
