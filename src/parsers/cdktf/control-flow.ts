/**
 * Control flow that may leave a construct out, read without running the program: whether a
 * statement before a construct leaves first (an early `return`, a `break` or `continue`), and the
 * code quoted when iflint cannot decide it, so a finding can say what it depends on.
 */
import type { Node } from "ts-morph";
import type { SourceFile } from "../../source/source-file.js";
import type { Guard } from "./construct-scope.js";
import type { TsMorph } from "./load-ts-morph.js";

/** Whether running a statement leaves before the statements after it: always, never, or only at run time. */
export type Exit = "always" | "never" | "maybe";

/** Quoted code is cut to this many characters. */
const MAX_QUOTED = 60;

/**
 * Whether `statement` leaves before what follows it runs: a `return`, or a `break`/`continue` to a
 * statement around it. A `throw` is not leaving: a synthesis it stops makes nothing, so what
 * follows exists in every synthesis that succeeds. `truth` decides conditions where it can.
 */
export function exitOf(morph: TsMorph, statement: Node, truth: (condition: Node) => boolean | undefined): Exit {
  const { Node: N } = morph;
  const leaves = (node: Node, labels: ReadonlySet<string>, inLoop: boolean, inSwitch: boolean): Exit => {
    if (N.isReturnStatement(node)) return "always";
    if (N.isBreakStatement(node) || N.isContinueStatement(node)) {
      const label = node.getLabel()?.getText();
      if (label !== undefined) return labels.has(label) ? "never" : "always";
      return inLoop || (N.isBreakStatement(node) && inSwitch) ? "never" : "always";
    }
    if (N.isBlock(node)) return sequence(node.getStatements(), labels, inLoop, inSwitch);
    if (N.isIfStatement(node)) {
      const holds = truth(node.getExpression());
      const then = () => leaves(node.getThenStatement(), labels, inLoop, inSwitch);
      const otherwise = () => {
        const branch = node.getElseStatement();
        return branch ? leaves(branch, labels, inLoop, inSwitch) : "never";
      };
      if (holds === true) return then();
      if (holds === false) return otherwise();
      const [a, b] = [then(), otherwise()];
      return a === b ? a : "maybe";
    }
    if (N.isLabeledStatement(node))
      return leaves(node.getStatement(), new Set([...labels, node.getLabel().getText()]), inLoop, inSwitch);
    if (
      N.isForStatement(node) ||
      N.isForOfStatement(node) ||
      N.isForInStatement(node) ||
      N.isWhileStatement(node) ||
      N.isDoStatement(node)
    )
      // The body may run no time at all, or leave only in some iteration.
      return leaves(node.getStatement(), labels, true, inSwitch) === "never" ? "never" : "maybe";
    if (N.isSwitchStatement(node))
      return node.getClauses().every((clause) => sequence(clause.getStatements(), labels, inLoop, true) === "never")
        ? "never"
        : "maybe";
    if (N.isTryStatement(node)) {
      const parts = [node.getTryBlock(), node.getCatchClause()?.getBlock(), node.getFinallyBlock()];
      return parts.every((part) => !part || leaves(part, labels, inLoop, inSwitch) === "never") ? "never" : "maybe";
    }
    return "never";
  };
  const sequence = (statements: Node[], labels: ReadonlySet<string>, inLoop: boolean, inSwitch: boolean): Exit => {
    let result: Exit = "never";
    for (const statement of statements) {
      const exit = leaves(statement, labels, inLoop, inSwitch);
      if (exit === "always") return "always";
      if (exit === "maybe") result = "maybe";
    }
    return result;
  };
  return leaves(statement, new Set(), false, false);
}

/**
 * What the path past a statement that may leave knows: past `if (waf) { ...; return }`, `waf` is
 * false; past `if (waf) {...} else return`, it is true. Undefined for anything else.
 */
export function assumptionAfter(
  morph: TsMorph,
  statement: Node,
  truth: (condition: Node) => boolean | undefined,
): { condition: Node; holds: boolean } | undefined {
  if (!morph.Node.isIfStatement(statement) || truth(statement.getExpression()) !== undefined) return undefined;
  const then = exitOf(morph, statement.getThenStatement(), truth);
  const branch = statement.getElseStatement();
  const otherwise = branch ? exitOf(morph, branch, truth) : "never";
  if (then === "always" && otherwise === "never") return { condition: statement.getExpression(), holds: false };
  if (then === "never" && otherwise === "always") return { condition: statement.getExpression(), holds: true };
  return undefined;
}

/** Whether a statement holds a `return`, `break` or `continue` of its own (not in a function it declares): cheap, before exitOf. */
export function mayLeave(morph: TsMorph, statement: Node): boolean {
  const { Node: N } = morph;
  let found = false;
  const visit = (node: Node): void => {
    if (found) return;
    if (N.isReturnStatement(node) || N.isBreakStatement(node) || N.isContinueStatement(node)) {
      found = true;
      return;
    }
    if (N.isFunctionLikeDeclaration(node) || N.isClassDeclaration(node) || N.isClassExpression(node)) return;
    if (N.isExpression(node) && !N.isStatement(node)) return;
    node.forEachChild(visit);
  };
  visit(statement);
  return found;
}

/** The statements of a block, a file or a `case`, in order; none for anything else. */
export function statementsOf(morph: TsMorph, container: Node): Node[] {
  const { Node: N } = morph;
  return N.isBlock(container) ||
    N.isSourceFile(container) ||
    N.isCaseClause(container) ||
    N.isDefaultClause(container) ||
    N.isModuleBlock(container)
    ? container.getStatements()
    : [];
}

/**
 * The code that may leave a construct out, as shown to users: an `if`'s or a loop's header, a
 * condition, a callback's call; or, for a statement that may leave first (`leaving`), all of it.
 */
export function guardAt(morph: TsMorph, node: Node, file: SourceFile, leaving = false): Guard {
  const { Node: N } = morph;
  let end = node.getEnd();
  if (leaving) end = node.getEnd();
  else if (N.isIfStatement(node) || N.isWhileStatement(node)) end = node.getExpression().getEnd() + 1;
  else if (N.isForStatement(node) || N.isForOfStatement(node) || N.isForInStatement(node))
    end = node.getStatement().getStart();
  else if (N.isConditionalExpression(node)) end = node.getCondition().getEnd();
  else if (N.isBinaryExpression(node)) end = node.getOperatorToken().getEnd();
  else if (N.isCaseClause(node)) end = node.getExpression().getEnd() + 1;
  else if (N.isDefaultClause(node)) end = node.getStart() + "default:".length;
  else if (N.isCatchClause(node)) end = node.getBlock().getStart();
  else if (N.isDoStatement(node)) end = node.getStart() + "do".length;
  else if (N.isArrowFunction(node) || N.isFunctionExpression(node)) {
    const call = node.getParent();
    if (call && N.isCallExpression(call)) node = call;
    end = node.getStart() + node.getText().indexOf("(") + 1;
  }
  const start = node.getStart();
  const text = file.text.slice(start, Math.max(start, end)).replace(/\s+/g, " ").trim();
  const code = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
  return { start, end: Math.max(start, end), file, code };
}
