/**
 * The construct tree a CDKTF program builds, found by reading it, never running it. Each file's
 * top-level code is read first (`new MyStack(app, "prod", props)`); a construct class instantiated
 * with `new C(scope, "id", props)` is read like a module call: its constructor's parameters are
 * bound to the arguments written there, so every instance has its own props, construct path and
 * Terraform name. Control flow is decided per instance where the condition is known (`if
 * (props.waf)`, an early `return`), loops over static arrays make one instance per element, and
 * what cannot be decided makes the construct conditional, including what a function called under
 * it makes. Two ways of making the construct with one id are one address. Classes and functions
 * nothing reachable instantiates are read once on their own, their parameters unknown.
 */
import type { CallExpression, ClassDeclaration, NewExpression, Node, SourceFile as TsSourceFile } from "ts-morph";
import type { SourceFile } from "../../source/source-file.js";
import type { TsMorph } from "./load-ts-morph.js";
import {
  Scope,
  type Assumption,
  type ConstructAddress,
  type ConstructInstance,
  type Guard,
  type StackTarget,
} from "./construct-scope.js";
import { assumptionAfter, exitOf, guardAt, mayLeave, statementsOf } from "./control-flow.js";
import { StaticExpressions, bindParameters, unwrap } from "./static-expression.js";
import { symbolOf } from "./symbols.js";
import { ConstructNames } from "./construct-names.js";
import type { ConstructType } from "./provider-imports.js";

/** One provider construct, as one instance of the program makes it. */
export interface PlacedConstruct {
  expression: NewExpression;
  file: SourceFile;
  address: ConstructAddress;
  /** The stack's id (`*` when not known) and the ids down to the construct: `prod/feature-flags/alb`; `?` for an id not static. */
  constructPath: string;
  /** Names as they are where the construct is made. */
  scope: Scope;
  /** The `if`, `?:`, `&&`, loop or early `return` that may leave the construct out, when this instance cannot decide it. */
  guard?: Guard;
  /** Outcomes of undecided conditions on the path that makes it, for the values read there. */
  assumptions?: readonly Assumption[];
  stack: StackTarget;
}

export interface ConstructTree {
  constructs: PlacedConstruct[];
  /** `new SomeLibraryConstruct(this, "id", ...)` from a package: never read, counted like remote modules. */
  libraryInstantiations: { file: SourceFile; node: NewExpression }[];
  /** Where reading stopped when the program makes more constructs than are read. */
  truncated?: { file: SourceFile; node: Node };
}

/** What a path through the code knows: the first guard iflint cannot decide, and the outcomes it took. */
interface Path {
  guard?: Guard;
  assumptions?: readonly Assumption[];
}

/** A scope a node runs in, on one path. */
interface Expansion extends Path {
  scope: Scope;
}

/** What a `new` expression makes. */
type Made =
  | { kind: "provider"; construct: ConstructType }
  | { kind: "class"; declaration: ClassDeclaration }
  | { kind: "stack" }
  | { kind: "app" }
  | { kind: "library" };

export interface ConstructTreeInput {
  morph: TsMorph;
  /** The files read, by their TypeScript form. */
  files: ReadonlyMap<TsSourceFile, SourceFile>;
  /** The provider construct a `new` expression makes, if any. */
  providerConstruct(expression: NewExpression): ConstructType | undefined;
  /** Code the reader did not foresee becomes a diagnostic at `at`, and reading goes on. */
  guarded<T>(file: SourceFile, at: Node, read: () => T): T | undefined;
}

/** Beyond this depth of nested instantiations and calls, a program is taken as recursive. */
const MAX_DEPTH = 24;
/** Constructs, instances and calls read in one scan's CDKTF program at most. */
const MAX_STEPS = 20_000;
/** Loops over more elements than this are not expanded. */
const MAX_ELEMENTS = 500;
const CDKTF_PACKAGES = /^(?:cdkt[fn]|constructs|@cdkt[fn]\/.*)$/;
const ARRAY_CALLBACKS = new Set(["forEach", "map", "flatMap"]);

export function constructTree(input: ConstructTreeInput): ConstructTree {
  return new ConstructTreeReader(input).read();
}

class ConstructTreeReader {
  private readonly morph: TsMorph;
  private readonly placed: PlacedConstruct[] = [];
  private readonly libraries: ConstructTree["libraryInstantiations"] = [];
  private readonly visited = new Set<Node>();
  private readonly active: Node[] = [];
  private readonly makesConstructsMemo = new Map<Node, boolean>();
  private readonly loopScopes = new Map<Node, Map<Scope, Expansion[]>>();
  /** The statements of each block read that may leave it early (a `return`, `break`, `continue` of their own). */
  private readonly leavingStatements = new Map<Node, Node[]>();
  private readonly names: ConstructNames;
  private readonly stacks: { target: StackTarget; file: SourceFile; owner: string }[] = [];
  /** Constructs and calls read so far, bounded so a program that multiplies instances cannot exhaust memory. */
  private steps = 0;
  private truncatedAt: Node | undefined;

  constructor(private readonly input: ConstructTreeInput) {
    this.morph = input.morph;
    this.names = new ConstructNames(input.morph);
  }

  read(): ConstructTree {
    for (const [morphFile, file] of this.input.files) {
      const root = this.instance(this.target(file, "", undefined), []);
      this.input.guarded(file, morphFile, () => this.walkBody(morphFile, new Scope(root)));
    }
    // Classes and functions nothing read instantiates or calls: read once, their parameters unknown.
    // Those nothing in the files instantiates or calls first, classes before functions: a function
    // a standalone class (or function) calls is read with that call's arguments (and under its
    // `if`), not also on its own (where its constructs would have ids CDKTF never gives them).
    const { Node: N } = this.morph;
    const bodies: { body: Node; file: SourceFile }[] = [];
    const targeted = new Set<Node>();
    for (const [morphFile, file] of this.input.files)
      for (const body of this.bodiesMakingConstructs(morphFile, targeted)) bodies.push({ body, file });
    const inFunction = (body: Node) =>
      !body.getFirstAncestor((node) => N.isClassDeclaration(node) || N.isClassExpression(node)) &&
      !N.isClassDeclaration(body);
    const ordered = [false, true].flatMap((isTarget) =>
      [false, true].flatMap((isFunction) =>
        bodies.filter(({ body }) => targeted.has(body) === isTarget && inFunction(body) === isFunction),
      ),
    );
    const standalone = new Map<Node, ConstructInstance>();
    for (const { body, file } of ordered) {
      if (this.visited.has(body)) continue;
      const owner = N.isClassDeclaration(body)
        ? body
        : body.getFirstAncestor(
            (node) => N.isClassDeclaration(node) || N.isClassExpression(node) || N.isFunctionDeclaration(node),
          );
      const ownerName =
        (owner && (N.isClassDeclaration(owner) || N.isClassExpression(owner) || N.isFunctionDeclaration(owner))
          ? owner.getName()
          : undefined) ?? (owner ? "anonymous" : "");
      const key = owner ?? body;
      const instance = standalone.get(key) ?? this.instance(this.target(file, ownerName, undefined), []);
      standalone.set(key, instance);
      this.input.guarded(file, body, () => {
        if (owner && N.isClassDeclaration(owner) && (N.isConstructorDeclaration(body) || body === owner))
          this.walkClass(owner, undefined, instance, []);
        else this.walkBody(body, new Scope(instance));
      });
    }
    this.label();
    const truncated = this.truncatedAt && this.fileOf(this.truncatedAt);
    return {
      constructs: this.placed,
      libraryInstantiations: this.libraries,
      truncated: truncated && this.truncatedAt ? { file: truncated, node: this.truncatedAt } : undefined,
    };
  }

  private target(file: SourceFile, owner: string, id: string | undefined): StackTarget {
    const target: StackTarget = { label: file.path, id, absolutePath: file.absolutePath };
    this.stacks.push({ target, file, owner });
    return target;
  }

  /** Module labels: the file, then the class when a file has several, then the stack id when a class makes several. */
  private label(): void {
    const used = this.stacks.filter(({ target }) => this.placed.some((placed) => placed.stack === target));
    const owners = new Map<SourceFile, Set<string>>();
    for (const { file, owner } of used) owners.set(file, (owners.get(file) ?? new Set()).add(owner));
    const perOwner = new Map<string, number>();
    for (const { file, owner } of used) {
      const key = `${file.absolutePath}\u0000${owner}`;
      perOwner.set(key, (perOwner.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    for (const { target, file, owner } of used) {
      let label = (owners.get(file)?.size ?? 0) > 1 && owner ? `${file.path}#${owner}` : file.path;
      const key = `${file.absolutePath}\u0000${owner}`;
      if ((perOwner.get(key) ?? 0) > 1) {
        const index = (seen.get(key) ?? 0) + 1;
        seen.set(key, index);
        label += ` (${target.id ?? index})`;
      }
      target.label = label;
    }
  }

  private instance(stack: StackTarget, path: readonly (string | undefined)[]): ConstructInstance {
    return { path, stack, fields: new Map() };
  }

  /**
   * Reads a class's constructor for one instance: parameters bound to `args`, or unknown when
   * undefined; `madeBy`, the instantiations and calls that run it.
   */
  private walkClass(
    declaration: ClassDeclaration,
    args: readonly { node: Node; scope: Scope }[] | undefined,
    instance: ConstructInstance,
    madeBy: readonly Node[],
    assumptions?: readonly Assumption[],
  ): void {
    const { Node: N } = this.morph;
    if (this.active.length > MAX_DEPTH || this.active.includes(declaration)) return;
    this.active.push(declaration);
    this.visited.add(declaration);
    try {
      const constructor = declaration.getConstructors().find((candidate) => candidate.getBody());
      const scope = new Scope(instance, undefined, madeBy);
      if (constructor) {
        this.visited.add(constructor);
        bindParameters(this.morph, constructor.getParameters(), args, scope);
      }
      for (const property of declaration.getInstanceProperties()) {
        if (!N.isPropertyDeclaration(property)) continue;
        const initializer = property.getInitializer();
        if (!initializer) continue;
        if (!N.isNewExpression(unwrap(this.morph, initializer)))
          instance.fields.set(property.getName(), { kind: "value", node: initializer, scope });
        this.walkBody(initializer, scope, { guard: instance.guard, assumptions });
      }
      const body = constructor?.getBody();
      if (body) this.walkBody(body, scope, { guard: instance.guard, assumptions });
      else {
        // No constructor of its own: the arguments go to the base class's.
        const base = this.localClass(declaration.getExtends()?.getExpression());
        if (base) this.walkClass(base, args, instance, madeBy, assumptions);
      }
    } finally {
      this.active.pop();
    }
  }

  /**
   * Reads the constructs a body makes, each in every scope (loop element, decided branch) it is
   * made in; `path`: what the call that runs the body knows (the `if` around it, and its outcomes).
   */
  private walkBody(body: Node, scope: Scope, path: Path = {}): void {
    if (this.active.length > MAX_DEPTH) return;
    this.visited.add(body);
    for (const node of this.interesting(body)) {
      for (const expansion of this.expansions(node, body, scope, path)) {
        if (++this.steps > MAX_STEPS) {
          this.truncatedAt ??= node;
          return;
        }
        if (this.morph.Node.isNewExpression(node)) this.made(node, expansion);
        else if (this.morph.Node.isCallExpression(node)) this.called(node, expansion);
        else if (!expansion.guard) this.assigned(node, expansion.scope);
      }
    }
  }

  /** `new` expressions and calls in a body (and in callbacks it passes), not in functions or classes it declares. */
  private interesting(body: Node): Node[] {
    const { Node: N } = this.morph;
    const found: Node[] = [];
    const visit = (node: Node): void => {
      if (node !== body) {
        if (N.isClassDeclaration(node) || N.isClassExpression(node) || N.isFunctionDeclaration(node)) return;
        if (N.isMethodDeclaration(node) || N.isConstructorDeclaration(node) || N.isGetAccessorDeclaration(node)) return;
        if ((N.isArrowFunction(node) || N.isFunctionExpression(node)) && !N.isCallExpression(node.getParent())) return; // a function kept for later: read when called, or on its own
      }
      if (N.isNewExpression(node) || N.isCallExpression(node) || isFieldAssignment(this.morph, node)) found.push(node);
      node.forEachChild(visit);
    };
    visit(body);
    return found;
  }

  /**
   * The scopes a node runs in: one per loop element, none when a known condition leaves it out,
   * each with the first guard (from `path`'s down) that iflint cannot decide.
   */
  private expansions(node: Node, body: Node, scope: Scope, path: Path): Expansion[] {
    const { Node: N, SyntaxKind } = this.morph;
    const chain: Node[] = [node];
    for (let current = node.getParent(); current && current !== body; current = current.getParent())
      chain.unshift(current);
    // The body itself counts as an ancestor (a field's `cond ? new X() : undefined`), unless it is a function.
    if (node !== body) chain.unshift(body);
    let states: Expansion[] = [{ scope, ...path }];
    for (let index = 0; index < chain.length - 1 && states.length; index++) {
      const ancestor = chain[index];
      const child = chain[index + 1];
      states = this.afterEarlyExits(ancestor, child, states);
      if (ancestor === body && (N.isArrowFunction(body) || N.isFunctionExpression(body))) continue;
      const guard = () => this.guardOf(ancestor);
      // Where the condition has `expected` as outcome; undecided, the path takes it and says so.
      const decide = (condition: Node, expected: boolean) => {
        states = states.flatMap((state) => {
          const truth = this.reader(state).truth(condition);
          if (truth !== undefined) return truth === expected ? [state] : [];
          const assumption = { condition, holds: expected, instance: state.scope.instance };
          return [{ ...state, guard: state.guard ?? guard(), assumptions: [...(state.assumptions ?? []), assumption] }];
        });
      };
      if (N.isIfStatement(ancestor)) {
        if (child === ancestor.getThenStatement()) decide(ancestor.getExpression(), true);
        else if (child === ancestor.getElseStatement()) decide(ancestor.getExpression(), false);
      } else if (N.isConditionalExpression(ancestor)) {
        if (child === ancestor.getWhenTrue()) decide(ancestor.getCondition(), true);
        else if (child === ancestor.getWhenFalse()) decide(ancestor.getCondition(), false);
      } else if (N.isBinaryExpression(ancestor) && child === ancestor.getRight()) {
        const operator = ancestor.getOperatorToken().getKind();
        if (operator === SyntaxKind.AmpersandAmpersandToken) decide(ancestor.getLeft(), true);
        else if (operator === SyntaxKind.BarBarToken) decide(ancestor.getLeft(), false);
        else if (operator === SyntaxKind.QuestionQuestionToken)
          states = states.flatMap((state) => {
            const left = this.reader(state).resolve(ancestor.getLeft());
            const nullish =
              left?.kind === "absent" ? true : left && left.kind !== "value" && !left.maybe ? false : undefined;
            if (nullish === false) return [];
            return [nullish === undefined ? { ...state, guard: state.guard ?? guard() } : state];
          });
      } else if (N.isForOfStatement(ancestor) && child === ancestor.getStatement()) {
        const declaration = ancestor.getInitializer();
        const bound = N.isVariableDeclarationList(declaration) ? declaration.getDeclarations()[0] : undefined;
        states = states.flatMap((state) => this.iterations(ancestor, state, ancestor.getExpression(), bound, guard));
      } else if (N.isArrowFunction(ancestor) || N.isFunctionExpression(ancestor)) {
        const call = ancestor.getParent();
        const callee = N.isCallExpression(call) ? unwrap(this.morph, call.getExpression()) : undefined;
        const parameter = ancestor.getParameters()[0];
        if (callee && N.isPropertyAccessExpression(callee) && ARRAY_CALLBACKS.has(callee.getName()))
          states = states.flatMap((state) =>
            this.iterations(ancestor, state, callee.getExpression(), parameter, guard),
          );
        else
          states = states.map((state) => ({
            ...state,
            scope: new Scope(state.scope.instance, state.scope),
            guard: state.guard ?? guard(),
          }));
      } else if (
        N.isForStatement(ancestor) ||
        N.isForInStatement(ancestor) ||
        N.isForOfStatement(ancestor) ||
        N.isWhileStatement(ancestor) ||
        N.isDoStatement(ancestor) ||
        N.isCaseClause(ancestor) ||
        N.isDefaultClause(ancestor) ||
        N.isCatchClause(ancestor)
      ) {
        if (N.isForOfStatement(ancestor) && child !== ancestor.getStatement()) continue;
        states = states.map((state) => ({ ...state, guard: state.guard ?? guard() }));
      }
    }
    return states;
  }

  /**
   * The states that get past the statements before `child` in `container` (a block): none where one
   * of them surely leaves first (`return`, `break`, `continue`), guarded where one may.
   */
  private afterEarlyExits(container: Node, child: Node, states: Expansion[]): Expansion[] {
    let leaving = this.leavingStatements.get(container);
    if (!leaving)
      this.leavingStatements.set(
        container,
        (leaving = statementsOf(this.morph, container).filter((statement) => mayLeave(this.morph, statement))),
      );
    const before = leaving.filter((statement) => statement.getEnd() <= child.getStart());
    if (!before.length) return states;
    return states.flatMap((state) => {
      let { guard, assumptions } = state;
      for (const statement of before) {
        const reader = this.reader({ ...state, assumptions });
        const truth = (condition: Node) => reader.truth(condition);
        const exit = exitOf(this.morph, statement, truth);
        if (exit === "always") return [];
        if (exit !== "maybe") continue;
        guard ??= this.guardOf(statement, true);
        // Past `if (waf) return ...;`, `waf` is false.
        const after = assumptionAfter(this.morph, statement, truth);
        if (after) assumptions = [...(assumptions ?? []), { ...after, instance: state.scope.instance }];
      }
      return [{ ...state, guard, assumptions }];
    });
  }

  /** Reads values where a path is: in its scope, with what it knows of undecided conditions. */
  private reader(state: Expansion): StaticExpressions {
    return new StaticExpressions(this.morph, state.scope, undefined, undefined, state.assumptions);
  }

  private guardOf(node: Node, leaving = false): Guard {
    const file = this.fileOf(node);
    if (!file) throw new Error("control flow outside the files read");
    return guardAt(this.morph, node, file, leaving);
  }

  /** One scope per element of a static array, the loop variable bound to it; one guarded scope when the array is not static. */
  private iterations(
    loop: Node,
    state: Expansion,
    array: Node,
    variable: Node | undefined,
    guard: () => Guard,
  ): Expansion[] {
    const { Node: N } = this.morph;
    const perParent = this.loopScopes.get(loop) ?? new Map<Scope, Expansion[]>();
    this.loopScopes.set(loop, perParent);
    const cached = perParent.get(state.scope);
    if (cached) return cached.map((entry) => ({ ...state, scope: entry.scope, guard: state.guard ?? entry.guard }));
    const elements = this.reader(state).elements(array);
    let result: Expansion[];
    if (!elements || elements.length > MAX_ELEMENTS)
      result = [{ scope: new Scope(state.scope.instance, state.scope), guard: guard() }];
    else
      result = elements.map((element) => {
        const scope = new Scope(state.scope.instance, state.scope);
        const binding = { kind: "value" as const, node: element.node, scope: element.scope };
        const name =
          variable && (N.isVariableDeclaration(variable) || N.isParameterDeclaration(variable))
            ? variable.getNameNode()
            : undefined;
        if (name && N.isIdentifier(name)) {
          const symbol = symbolOf(this.morph, name);
          if (symbol) scope.bind(symbol.compilerSymbol, binding);
        } else if (variable) scope.bind(variable.compilerNode, binding);
        return { scope };
      });
    perParent.set(state.scope, result);
    return result.map((entry) => ({ ...state, scope: entry.scope, guard: state.guard ?? entry.guard }));
  }

  private made(expression: NewExpression, state: Expansion): void {
    const { scope, guard, assumptions } = state;
    const made = this.whatIsMade(expression);
    if (!made) return;
    const file = this.fileOf(expression);
    if (!file) return;
    const reader = this.reader(state);
    const args = expression.getArguments();
    if (made.kind === "library") {
      if (!this.libraries.some((known) => known.node === expression)) this.libraries.push({ file, node: expression });
      return;
    }
    if (made.kind === "app") {
      this.hold(expression, scope, { kind: "instance", instance: this.instance(scope.instance.stack, []) });
      return;
    }
    const parent = this.parentInstance(args[0], reader) ?? scope.instance;
    const id = args[1] ? reader.text(args[1]) : undefined;
    if (made.kind === "stack") {
      const stack = this.target(file, id ?? "stack", id);
      this.hold(expression, scope, { kind: "instance", instance: this.instance(stack, []) });
      return;
    }
    if (made.kind === "class") {
      const isStack = this.isStack(made.declaration);
      const stack = isStack
        ? this.target(this.fileOf(made.declaration) ?? file, made.declaration.getName() ?? "", id)
        : parent.stack;
      const instance = this.instance(stack, isStack ? [] : [...parent.path, id]);
      // Whether the instance exists may not be known: then neither is whether its constructs do.
      if (guard ?? parent.guard) instance.guard = guard ?? parent.guard;
      this.hold(expression, scope, { kind: "instance", instance }, guard);
      const callArgs = args.map((node) => ({ node, scope }));
      // A stack is a root module of its own: what instantiates it makes none of its constructs' places.
      this.walkClass(made.declaration, callArgs, instance, isStack ? [] : [...scope.madeBy, expression], assumptions);
      return;
    }
    const path = [...parent.path, id];
    const name = this.names.nameOf(made.construct.type, parent, path, args[1], reader);
    const address: ConstructAddress = { ...made.construct, name };
    this.hold(expression, scope, { kind: "construct", address }, guard);
    const ids = path.map((component) => component ?? "?");
    this.placed.push({
      expression,
      file,
      address,
      constructPath: [parent.stack.id ?? "*", ...ids].join("/"),
      scope,
      guard: guard ?? parent.guard,
      assumptions,
      stack: parent.stack,
    });
  }

  /** A call into a method or function of the project that makes constructs: read with its parameters bound. */
  private called(call: CallExpression, state: Expansion): void {
    const { scope, guard, assumptions } = state;
    const { Node: N, SyntaxKind } = this.morph;
    const callee = unwrap(this.morph, call.getExpression());
    const args = call.getArguments().map((node) => ({ node, scope }));
    if (callee.getKind() === SyntaxKind.SuperKeyword) {
      const owner = call.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
      const base = owner && this.localClass(owner.getExtends()?.getExpression());
      if (base) this.walkClass(base, args, scope.instance, scope.madeBy, assumptions);
      return;
    }
    const symbol =
      N.isIdentifier(callee) || N.isPropertyAccessExpression(callee) ? symbolOf(this.morph, callee) : undefined;
    const declaration = symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
    if (!declaration || !this.fileOf(declaration)) return;
    let fn: Node | undefined = declaration;
    if (N.isVariableDeclaration(declaration) || N.isPropertyDeclaration(declaration))
      fn = declaration.getInitializer() && unwrap(this.morph, declaration.getInitializer() as Node);
    if (
      !fn ||
      !(N.isFunctionDeclaration(fn) || N.isMethodDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn))
    )
      return;
    const body = fn.getBody();
    if (!body || !this.makesConstructs(body)) return;
    if (this.active.length > MAX_DEPTH || this.active.includes(body)) return;
    // A method called on another instance (`web.addRoute(...)`) runs with that instance as `this`.
    const receiver = N.isPropertyAccessExpression(callee)
      ? this.reader(state).resolve(callee.getExpression())
      : undefined;
    const instance = receiver?.kind === "instance" ? receiver.instance : scope.instance;
    const inner = new Scope(instance, undefined, [...scope.madeBy, call]);
    bindParameters(this.morph, fn.getParameters(), args, inner);
    this.active.push(body);
    try {
      // Made under the call's `if`: so is everything the body makes, knowing what the call's path knows.
      this.walkBody(body, inner, { guard, assumptions });
    } finally {
      this.active.pop();
    }
  }

  /** `this.endpoint = api.apiEndpoint`, made unconditionally: what the field holds, for `posts.endpoint` elsewhere. */
  private assigned(node: Node, scope: Scope): void {
    const { Node: N } = this.morph;
    if (!N.isBinaryExpression(node)) return;
    const target = unwrap(this.morph, node.getLeft());
    const value = unwrap(this.morph, node.getRight());
    if (N.isPropertyAccessExpression(target) && !N.isNewExpression(value))
      scope.instance.fields.set(target.getName(), { kind: "value", node: node.getRight(), scope });
  }

  /** The instance a construct is made in: its scope argument (`this`, a stack variable, a `scope` parameter). */
  private parentInstance(node: Node | undefined, reader: StaticExpressions): ConstructInstance | undefined {
    if (!node) return undefined;
    const resolved = reader.resolve(node);
    return resolved?.kind === "instance" ? resolved.instance : undefined;
  }

  /** Binds what a `new` expression makes to the variable or field it is assigned to. */
  private hold(
    expression: NewExpression,
    scope: Scope,
    made: import("./construct-scope.js").Binding,
    guard?: Guard,
  ): void {
    const { Node: N, SyntaxKind } = this.morph;
    let holder: Node = expression;
    while (
      holder.getParent() &&
      (N.isParenthesizedExpression(holder.getParent()) || N.isAsExpression(holder.getParent()))
    )
      holder = holder.getParentOrThrow();
    const parent = holder.getParent();
    let binding = made;
    if (parent && N.isVariableDeclaration(parent) && N.isIdentifier(parent.getNameNode())) {
      const symbol = symbolOf(this.morph, parent.getNameNode());
      if (symbol) scope.bind(symbol.compilerSymbol, binding);
    } else if (
      parent &&
      N.isBinaryExpression(parent) &&
      parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
      parent.getRight() === holder
    ) {
      // `let x; if (maybe) x = new X(...)`: x may still be undefined where it is read.
      if (guard && (made.kind === "construct" || made.kind === "instance")) binding = { ...made, maybe: true };
      const target = unwrap(this.morph, parent.getLeft());
      if (N.isPropertyAccessExpression(target) && target.getExpression().getKind() === SyntaxKind.ThisKeyword)
        scope.instance.fields.set(target.getName(), binding);
      else if (N.isIdentifier(target)) {
        const symbol = symbolOf(this.morph, target);
        if (symbol) scope.bind(symbol.compilerSymbol, binding);
      }
    } else if (parent && N.isPropertyDeclaration(parent)) scope.instance.fields.set(parent.getName(), binding);
  }

  private whatIsMade(expression: NewExpression): Made | undefined {
    const { Node: N } = this.morph;
    const construct = this.input.providerConstruct(expression);
    if (construct) return { kind: "provider", construct };
    const callee = unwrap(this.morph, expression.getExpression());
    const local = this.localClass(callee);
    if (local)
      return this.makesConstructs(local) || this.isStack(local) ? { kind: "class", declaration: local } : undefined;
    const imported = N.isIdentifier(callee) ? importOf(this.morph, callee) : undefined;
    if (!imported) return undefined;
    if (CDKTF_PACKAGES.test(imported.specifier)) {
      if (imported.name === "App") return { kind: "app" };
      if (imported.name === "TerraformStack") return { kind: "stack" };
      return undefined;
    }
    const args = expression.getArguments();
    const relative = imported.specifier.startsWith(".") || imported.specifier.startsWith("/");
    // A construct from a package: `new Vpc(this, "vpc", {...})`.
    if (!relative && !imported.specifier.startsWith("node:") && args.length >= 2 && /^[A-Z]/.test(imported.name)) {
      const scopeArgument = unwrap(this.morph, args[0]);
      const idArgument = unwrap(this.morph, args[1]);
      if (
        (scopeArgument.getKind() === this.morph.SyntaxKind.ThisKeyword || N.isIdentifier(scopeArgument)) &&
        (N.isStringLiteral(idArgument) ||
          N.isTemplateExpression(idArgument) ||
          N.isNoSubstitutionTemplateLiteral(idArgument) ||
          N.isIdentifier(idArgument))
      )
        return { kind: "library" };
    }
    return undefined;
  }

  /** The class declaration, in a file being read, a callee or `extends` names. */
  private localClass(node: Node | undefined): ClassDeclaration | undefined {
    const { Node: N } = this.morph;
    if (!node) return undefined;
    const inner = unwrap(this.morph, node);
    if (!N.isIdentifier(inner) && !N.isPropertyAccessExpression(inner)) return undefined;
    const symbol = symbolOf(this.morph, inner);
    const declaration = symbol?.getDeclarations().find((candidate) => N.isClassDeclaration(candidate));
    return declaration && N.isClassDeclaration(declaration) && this.fileOf(declaration) ? declaration : undefined;
  }

  /** A class extending `TerraformStack`, directly or through classes of the project. */
  private isStack(declaration: ClassDeclaration, depth = 0): boolean {
    const { Node: N } = this.morph;
    const base = declaration.getExtends()?.getExpression();
    if (!base || depth > MAX_DEPTH) return false;
    const inner = unwrap(this.morph, base);
    const imported = N.isIdentifier(inner) ? importOf(this.morph, inner) : undefined;
    if (imported && CDKTF_PACKAGES.test(imported.specifier)) return imported.name === "TerraformStack";
    const local = this.localClass(inner);
    return !!local && local !== declaration && this.isStack(local, depth + 1);
  }

  /** Whether a class or body makes a provider construct, directly or through classes and functions of the project. */
  private makesConstructs(node: Node): boolean {
    const cached = this.makesConstructsMemo.get(node);
    if (cached !== undefined) return cached;
    this.makesConstructsMemo.set(node, false);
    const { Node: N } = this.morph;
    let result = false;
    for (const expression of node.getDescendantsOfKind(this.morph.SyntaxKind.NewExpression)) {
      if (this.input.providerConstruct(expression)) {
        result = true;
        break;
      }
      const local = this.localClass(expression.getExpression());
      if (local && this.makesConstructs(local)) {
        result = true;
        break;
      }
    }
    if (!result && N.isClassDeclaration(node)) {
      const base = this.localClass(node.getExtends()?.getExpression());
      result = !!base && this.makesConstructs(base);
    }
    if (!result)
      for (const call of node.getDescendantsOfKind(this.morph.SyntaxKind.CallExpression)) {
        const declaration = this.calledFunction(call);
        if (declaration && declaration !== node && this.makesConstructs(declaration)) {
          result = true;
          break;
        }
      }
    this.makesConstructsMemo.set(node, result);
    return result;
  }

  /** The function or method of the files read that a call calls, if it is one. */
  private calledFunction(call: CallExpression): Node | undefined {
    const { Node: N } = this.morph;
    const callee = unwrap(this.morph, call.getExpression());
    if (!N.isIdentifier(callee) && !N.isPropertyAccessExpression(callee)) return undefined;
    const declaration = symbolOf(this.morph, callee)?.getValueDeclaration();
    return declaration &&
      this.fileOf(declaration) &&
      (N.isFunctionDeclaration(declaration) || N.isMethodDeclaration(declaration))
      ? declaration
      : undefined;
  }

  /**
   * Constructors, methods, functions and stored arrow functions of a file that make provider
   * constructs, or instantiate or call what does; adds to `targeted` the bodies the file
   * instantiates or calls.
   */
  private bodiesMakingConstructs(morphFile: TsSourceFile, targeted: Set<Node>): Node[] {
    const { Node: N, SyntaxKind } = this.morph;
    const bodies: Node[] = [];
    const makers: Node[] = [];
    for (const expression of morphFile.getDescendantsOfKind(SyntaxKind.NewExpression)) {
      if (this.input.providerConstruct(expression)) makers.push(expression);
      const local = this.localClass(expression.getExpression());
      if (!local) continue;
      makers.push(expression);
      targeted.add(local.getConstructors().find((candidate) => candidate.getBody()) ?? local);
    }
    for (const call of morphFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const called = this.calledFunction(call);
      if (!called || !this.makesConstructs(called)) continue;
      makers.push(call);
      const body = N.isFunctionDeclaration(called) || N.isMethodDeclaration(called) ? called.getBody() : undefined;
      if (body) targeted.add(body);
    }
    makers.sort((a, b) => a.getStart() - b.getStart());
    for (const expression of makers) {
      let body: Node | undefined;
      for (let node: Node | undefined = expression.getParent(); node; node = node.getParent()) {
        if ((N.isArrowFunction(node) || N.isFunctionExpression(node)) && N.isCallExpression(node.getParent())) continue;
        if (
          N.isConstructorDeclaration(node) ||
          N.isMethodDeclaration(node) ||
          N.isGetAccessorDeclaration(node) ||
          N.isFunctionDeclaration(node) ||
          N.isArrowFunction(node) ||
          N.isFunctionExpression(node)
        ) {
          body = N.isConstructorDeclaration(node) ? node : (node.getBody() ?? node);
          break;
        }
        if (N.isPropertyDeclaration(node)) {
          const owner = node.getParent();
          body = N.isClassDeclaration(owner)
            ? (owner.getConstructors().find((candidate) => candidate.getBody()) ?? owner)
            : node;
          break;
        }
      }
      if (body && !bodies.includes(body)) bodies.push(body);
    }
    return bodies;
  }

  private fileOf(node: Node): SourceFile | undefined {
    return this.input.files.get(node.getSourceFile());
  }
}

/** `this.x = value`. */
function isFieldAssignment(morph: TsMorph, node: Node): boolean {
  const { Node: N, SyntaxKind } = morph;
  if (!N.isBinaryExpression(node) || node.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
  const target = unwrap(morph, node.getLeft());
  return N.isPropertyAccessExpression(target) && target.getExpression().getKind() === SyntaxKind.ThisKeyword;
}

/** The package and exported name an identifier was imported as, if it was. */
function importOf(morph: TsMorph, identifier: Node): { specifier: string; name: string } | undefined {
  const { Node: N } = morph;
  let declarations: Node[];
  try {
    declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  } catch {
    return undefined;
  }
  for (const declaration of declarations) {
    if (N.isImportSpecifier(declaration)) {
      const specifier = declaration.getImportDeclaration().getModuleSpecifierValue();
      return { specifier, name: declaration.getName() };
    }
    if (N.isImportClause(declaration) || N.isNamespaceImport(declaration)) {
      const importDeclaration = declaration.getFirstAncestor((node) => N.isImportDeclaration(node));
      if (importDeclaration && N.isImportDeclaration(importDeclaration))
        return { specifier: importDeclaration.getModuleSpecifierValue(), name: identifier.getText() };
    }
  }
  return undefined;
}
