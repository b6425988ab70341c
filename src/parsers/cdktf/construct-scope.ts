/**
 * What names stand for while one instantiation of a construct class is read: its constructor's
 * parameters bound to the arguments written at `new C(scope, "id", props)`, loop variables bound
 * to the elements of a static array, and the constructs held in variables and fields. A value is
 * kept as the TypeScript expression that wrote it, with the scope it was written in, so it is
 * read (and placed) where the user wrote it.
 */
import type { Node } from "ts-morph";
import type { Span } from "../../source/source-file.js";

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

/** One instance of a construct (a stack, a construct class, the app) in the construct tree. */
export interface ConstructInstance {
  /** Construct ids from the stack down to this instance; undefined where an id is not static. */
  path: readonly (string | undefined)[];
  stack: StackTarget;
  /** `this.lb = new Lb(...)`: what the instance's fields hold. */
  fields: Map<string, Binding>;
  /** The `new C(...)` expressions that made this instance, outermost first. */
  instantiations: readonly Node[];
  /** The `if`, `?:` or loop that may leave this instance out, when it cannot be decided. */
  guard?: Span;
}

export type Binding =
  /** A TypeScript expression, read in the scope it was written in. */
  | { kind: "value"; node: Node; scope: Scope }
  /** A parameter left out, or a member an object does not have: `undefined`. */
  | { kind: "absent" }
  | { kind: "construct"; address: ConstructAddress }
  | { kind: "instance"; instance: ConstructInstance };

/** Names bound while reading one body (a constructor, a loop iteration), inside its parent's. */
export class Scope {
  private readonly bindings = new Map<object, Binding>();

  constructor(
    readonly instance: ConstructInstance,
    readonly parent?: Scope,
  ) {}

  bind(symbol: object, binding: Binding): void {
    this.bindings.set(symbol, binding);
  }

  lookup(symbol: object): Binding | undefined {
    return this.bindings.get(symbol) ?? this.parent?.lookup(symbol);
  }
}
