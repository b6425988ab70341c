/**
 * What names stand for while one instantiation of a construct class is read: its constructor's
 * parameters bound to the arguments written at `new C(scope, "id", props)`, loop variables bound
 * to the elements of a static array, and the constructs held in variables and fields. A value is
 * kept as the TypeScript expression that wrote it, with the scope it was written in, so it is
 * read (and placed) where the user wrote it.
 */
import type { Node } from "ts-morph";
import type { SourceFile, Span } from "../../source/source-file.js";

/** A construct another expression can refer to, as Terraform addresses it. */
export interface ConstructAddress {
  type: string;
  name: string;
  mode: "managed" | "data";
}

/** Where the constructs of one stack go: one root module. */
export interface StackTarget {
  /** As shown to users: the file, the class, and the stack id when a class makes several stacks. */
  label: string;
  /** The stack's construct id when the code that creates it was read, for synthesized JSON paths. */
  id?: string;
  /** The file the stack is declared in, whose directory is the module's. */
  absolutePath: string;
}

/**
 * Code iflint cannot decide that may leave a construct out (an `if`, a loop, an early `return`),
 * in the file it is written in, which may not be the construct's.
 */
export interface Guard extends Span {
  file: SourceFile;
  /** The code as quoted to users: `if (process.env.PREVIEW)`. */
  code: string;
}

/**
 * A condition iflint cannot decide but knows the outcome of on one path: inside `if (useWaf)`,
 * `useWaf` holds; after `if (useWaf) return ...;`, it does not.
 */
export interface Assumption {
  condition: Node;
  holds: boolean;
  /** The instance whose code it was met in: `this` in the condition is that instance. */
  instance: ConstructInstance;
}

/** One instance of a construct (a stack, a construct class, the app) in the construct tree. */
export interface ConstructInstance {
  /** Construct ids from the stack down to this instance; undefined where an id is not static. */
  path: readonly (string | undefined)[];
  stack: StackTarget;
  /** `this.lb = new Lb(...)`: what the instance's fields hold. */
  fields: Map<string, Binding>;
  /** The `if`, `?:` or loop that may leave this instance out, when it cannot be decided. */
  guard?: Guard;
}

export type Binding =
  /** A TypeScript expression, read in the scope it was written in. */
  | { kind: "value"; node: Node; scope: Scope }
  /** A parameter left out, or a member an object does not have: `undefined`. */
  | { kind: "absent" }
  /** `maybe`: assigned under a condition not decided, so it may still be undefined. */
  | { kind: "construct"; address: ConstructAddress; maybe?: boolean }
  | { kind: "instance"; instance: ConstructInstance; maybe?: boolean };

/** Names bound while reading one body (a constructor, a loop iteration), inside its parent's. */
export class Scope {
  private readonly bindings = new Map<object, Binding>();
  /**
   * The instantiations and calls that run the code read in this scope, outermost first: what
   * makes its constructs (`new Web(this, "a")`, then `web.addRoutes()`).
   */
  readonly madeBy: readonly Node[];

  constructor(
    readonly instance: ConstructInstance,
    readonly parent?: Scope,
    madeBy?: readonly Node[],
  ) {
    this.madeBy = madeBy ?? parent?.madeBy ?? [];
  }

  bind(symbol: object, binding: Binding): void {
    this.bindings.set(symbol, binding);
  }

  lookup(symbol: object): Binding | undefined {
    return this.bindings.get(symbol) ?? this.parent?.lookup(symbol);
  }
}
