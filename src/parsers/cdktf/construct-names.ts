/**
 * The Terraform names of the constructs a program makes, one stack at a time: CDKTF's, from the
 * construct path, when every id on it is static; else the id's text, made unique in the stack.
 * Constructs with the same identity (the same path, or the same parent and an id that is the same
 * runtime value) are one construct made in alternative ways (`if (waf) return new X(this, "ag",
 * {...}); return new X(this, "ag", ...)`): CDKTF refuses a second construct with an id its parent
 * already has, so at most one of them is made, under the one name.
 */
import type { Node } from "ts-morph";
import type { ConstructInstance, StackTarget } from "./construct-scope.js";
import type { TsMorph } from "./load-ts-morph.js";
import { cdktfLogicalId, logicalId } from "./names.js";
import { unwrap, type StaticExpressions } from "./static-expression.js";

export class ConstructNames {
  private readonly byStack = new Map<StackTarget, { byIdentity: Map<string, string>; taken: Set<string> }>();
  private readonly objectIds = new WeakMap<object, number>();
  private objectIdCount = 0;

  constructor(private readonly morph: TsMorph) {}

  /** The name of a construct of `type` made in `parent` at `path`, its id written as `idArgument`. */
  nameOf(
    type: string,
    parent: ConstructInstance,
    path: readonly (string | undefined)[],
    idArgument: Node | undefined,
    reader: StaticExpressions,
  ): string {
    let names = this.byStack.get(parent.stack);
    if (!names) this.byStack.set(parent.stack, (names = { byIdentity: new Map(), taken: new Set() }));
    const identity = this.identityOf(type, parent, path, idArgument, reader);
    const known = identity === undefined ? undefined : names.byIdentity.get(identity);
    if (known !== undefined) return known;
    const ids = path.filter((component): component is string => component !== undefined);
    const base =
      ids.length === path.length
        ? cdktfLogicalId(ids)
        : logicalId(path[path.length - 1] ?? textOf(this.morph, idArgument) ?? "construct");
    let name = base;
    for (let suffix = 2; names.taken.has(`${type}.${name}`); suffix++) name = `${base}_${suffix}`;
    names.taken.add(`${type}.${name}`);
    if (identity !== undefined) names.byIdentity.set(identity, name);
    return name;
  }

  /** What identifies a construct in its stack; undefined when its id is a runtime value iflint cannot follow. */
  private identityOf(
    type: string,
    parent: ConstructInstance,
    path: readonly (string | undefined)[],
    idArgument: Node | undefined,
    reader: StaticExpressions,
  ): string | undefined {
    if (path.every((component) => component !== undefined)) return `${type}\u0000${path.join("\u0000")}`;
    const id = path[path.length - 1];
    if (id !== undefined) return `${type}\u0000#${this.objectId(parent)}\u0000${id}`;
    // The same runtime value: one expression (a `const`, a parameter) read in one scope.
    const resolved = idArgument && reader.resolve(idArgument);
    if (resolved?.kind !== "value") return undefined;
    return `${type}\u0000#${this.objectId(parent)}\u0000@${this.objectId(resolved.node)}:${this.objectId(resolved.scope)}`;
  }

  private objectId(object: object): number {
    let id = this.objectIds.get(object);
    if (id === undefined) this.objectIds.set(object, (id = this.objectIdCount++));
    return id;
  }
}

/** An id as written, for a name when its value is not static. */
function textOf(morph: TsMorph, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(morph, node);
  const { Node: N } = morph;
  if (N.isStringLiteral(inner) || N.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  return inner.getText();
}
