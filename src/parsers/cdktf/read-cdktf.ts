/**
 * CDKTF TypeScript read statically, never run: each `new <ProviderConstruct>(scope, "id", {...})`
 * becomes a Terraform `resource` (or `data`) block in the same syntax tree HCL gives, with spans
 * in the `.ts` file, so the evaluator and every rule work on it unchanged. Constructs are grouped
 * by the class that creates them (a stack), which becomes one module: references between its
 * constructs (`lb.arn`) resolve as Terraform references do.
 */
import { dirname } from "node:path";
import type { NewExpression, Node, Project, SourceFile as TsSourceFile } from "ts-morph";
import type { Attribute, Block, Body, Comment, Diagnostic, Expression, HclFile, Span } from "../hcl/ast.js";
import type { SourceFile } from "../../source/source-file.js";
import { loadTsMorph, type TsMorph } from "./load-ts-morph.js";
import {
  constructOfClass,
  importBindings,
  constructOfModule,
  memberToModule,
  type ConstructType,
  type ImportBinding,
} from "./provider-imports.js";
import { snakeCase } from "./names.js";
import { StaticExpressions, siteFor, unwrap, type PropValues } from "./static-expression.js";
import type { ConstructAddress, Guard, Scope } from "./construct-scope.js";
import { constructTree } from "./construct-tree.js";
import type { WorkspacePackage } from "./project.js";

/** A place in a file read. */
export interface CdktfLocation {
  file: SourceFile;
  start: number;
  end: number;
}

/** An instantiation or a call that makes a construct: `new Web(this, "a")`, `web.addRoutes()`. */
export interface CdktfCall extends CdktfLocation {
  /** As shown to users, on one line. */
  text: string;
}

/** One stack (or a file's top-level code, or a class nothing read instantiates) read as a Terraform module. */
export interface CdktfModule {
  /** As shown to users: the file, the class when a file has several, the stack id when a class makes several. */
  label: string;
  absoluteDirectory: string;
  /** The stack's constructs, by the file that makes them. */
  files: {
    hcl: HclFile;
    /** Each block's construct path, to match the `"//": {"metadata": {"path"}}` of synthesized JSON. */
    constructPaths: Map<Block, string>;
    /** The instantiations of construct classes and the calls that made each block, outermost first. */
    madeBy: Map<Block, CdktfCall[]>;
    /** What may leave a block's construct out, where iflint cannot decide it. */
    guards: Map<Block, Guard>;
  }[];
}

export interface CdktfRead {
  modules: CdktfModule[];
  /** Constructs of packages (`new Vpc(this, "vpc")` from node_modules): never read, counted like remote modules. */
  libraryInstantiations: CdktfLocation[];
  /** Syntax errors, per file. */
  diagnostics: Diagnostic[];
  /** Comments per file, for `// iflint-ignore`. */
  comments: Map<SourceFile, Comment[]>;
}

/** Construct arguments that are Terraform meta-arguments or CDKTF plumbing, not configuration. */
const SKIPPED_PROPERTIES = new Set(["dependsOn", "provider", "lifecycle", "provisioners", "connection"]);

/** Cheap test before loading ts-morph: does this TypeScript use CDKTF at all? */
export function usesCdktf(text: string): boolean {
  return /from\s*["'](?:cdkt[fn]|constructs|@cdkt[fn]\/[^"']+|[^"']*\.gen\/providers\/[^"']+|\.\.?\/[^"']*\/providers\/[^"']+)["']|require\(\s*["'](?:cdkt[fn]|@cdkt[fn]\/)/.test(
    text,
  );
}

/**
 * Reads the constructs in `files`. `context` files (modules they import) are parsed only so that
 * names defined there (a shared constant) resolve.
 */
export function readCdktf(
  files: readonly SourceFile[],
  context: readonly SourceFile[] = [],
  workspace: ReadonlyMap<string, WorkspacePackage> = new Map(),
): CdktfRead {
  const morph = loadTsMorph();
  // The workspace's own packages resolve to their source, as the workspace tool links them.
  const paths: Record<string, string[]> = {};
  for (const [name, { directory, entry }] of workspace) {
    if (entry) paths[name] = [entry];
    paths[`${name}/*`] = [`${directory}/*`];
  }
  const project: Project = new morph.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: {
      allowJs: false,
      noLib: true,
      types: [],
      skipLibCheck: true,
      target: morph.ts.ScriptTarget.ES2022,
      ...(workspace.size ? { baseUrl: "/", paths } : {}),
    },
  });
  const byMorph = new Map<TsSourceFile, SourceFile>();
  const result: CdktfRead = { modules: [], libraryInstantiations: [], diagnostics: [], comments: new Map() };
  for (const file of context)
    withinStack(() => project.createSourceFile(file.absolutePath, file.text, { overwrite: true }));
  for (const file of files) {
    const morphFile = withinStack(() => project.createSourceFile(file.absolutePath, file.text, { overwrite: true }));
    if (morphFile) byMorph.set(morphFile, file);
    else result.diagnostics.push(tooDeep(file));
  }
  const bindingsOf = new Map<TsSourceFile, ReadonlyMap<string, ImportBinding>>();
  const importsOf = (morphFile: TsSourceFile): ReadonlyMap<string, ImportBinding> => {
    let bindings = bindingsOf.get(morphFile);
    if (!bindings) {
      bindings = importBindings(morphFile.getImportDeclarations());
      bindingsOf.set(morphFile, bindings);
    }
    return bindings;
  };
  for (const [morphFile, file] of byMorph) {
    const read = withinStack(() => {
      result.diagnostics.push(...syntaxErrors(morphFile, file));
      result.comments.set(file, commentsOf(morph, file));
      guarded(result, file, morphFile, () => importsOf(morphFile));
      return true;
    });
    if (!read) {
      result.diagnostics.push(tooDeep(file));
      byMorph.delete(morphFile);
    }
  }
  const tree = withinStack(() =>
    constructTree({
      morph,
      files: byMorph,
      providerConstruct: (expression) => {
        const bindings = importsOf(expression.getSourceFile());
        return bindings.size ? constructOf(morph, expression, bindings) : undefined;
      },
      guarded: (file, at, read) => guarded(result, file, at, read),
    }),
  );
  if (!tree) return result;
  if (tree.truncated)
    result.diagnostics.push({
      severity: "error",
      summary: "Too many CDKTF constructs",
      detail:
        "Expected a program that makes fewer constructs, instances and calls than iflint reads (20,000); reading stopped here and the constructs after it are not checked.",
      file: tree.truncated.file,
      start: tree.truncated.node.getStart(),
      end: tree.truncated.node.getEnd(),
    });
  const fileOf = (node: Node) => byMorph.get(node.getSourceFile());
  result.libraryInstantiations = tree.libraryInstantiations.map(({ file, node }) => ({
    file,
    start: node.getStart(),
    end: node.getEnd(),
  }));
  const modules = new Map<object, CdktfModule>();
  const props = new Map<object, ModuleProps>();
  const partOf = (module: CdktfModule, file: SourceFile): CdktfModule["files"][number] => {
    let part = module.files.find((candidate) => candidate.hcl.file === file);
    if (!part) {
      part = {
        hcl: {
          file,
          body: emptyBody(0, file.text.length),
          diagnostics: [],
          comments: result.comments.get(file) ?? [],
        },
        constructPaths: new Map(),
        madeBy: new Map(),
        guards: new Map(),
      };
      module.files.push(part);
    }
    return part;
  };
  for (const placed of tree.constructs) {
    let given = props.get(placed.stack);
    if (!given) props.set(placed.stack, (given = new ModuleProps(fileOf)));
    const statics = new StaticExpressions(morph, placed.scope, fileOf, given, placed.assumptions);
    const block = guarded(result, placed.file, placed.expression, () =>
      constructBlock(morph, statics, placed.expression, placed.address, placed.guard),
    );
    if (!block) continue;
    let module = modules.get(placed.stack);
    if (!module) {
      module = { label: placed.stack.label, absoluteDirectory: dirname(placed.stack.absolutePath), files: [] };
      modules.set(placed.stack, module);
      result.modules.push(module);
    }
    const part = partOf(module, placed.file);
    part.hcl.body.blocks.push(block);
    part.hcl.body.items.push(block);
    part.constructPaths.set(block, placed.constructPath);
    const made = placed.scope.madeBy.flatMap((node) => {
      const file = fileOf(node);
      return file ? [madeByCall(morph, node, file)] : [];
    });
    if (made.length) part.madeBy.set(block, made);
    if (placed.guard) part.guards.set(block, placed.guard);
  }
  // Props used in the stack's constructs, each a named value where the instantiation gives it.
  for (const [stack, given] of props) {
    const module = modules.get(stack);
    if (!module) continue;
    for (const value of given.pending()) {
      const attribute = guarded(result, value.file, value.node, () => {
        const statics = new StaticExpressions(morph, value.scope, fileOf, given);
        const where = { start: value.node.getStart(), end: value.node.getEnd() };
        return {
          kind: "Attribute" as const,
          name: value.name,
          nameSpan: where,
          expression: statics.convert(value.node, undefined, 0, true),
          ...where,
        };
      });
      if (attribute) addLocal(partOf(module, value.file).hcl, attribute);
    }
  }
  return result;
}

/** Where and how an instantiation (`new Web(this, "a"`, cut after the id) or a call is shown. */
function madeByCall(morph: TsMorph, node: Node, file: SourceFile): CdktfCall {
  const id = morph.Node.isNewExpression(node) ? node.getArguments()[1] : undefined;
  const start = node.getStart();
  const end = (id ?? node).getEnd();
  const text = `${file.text.slice(start, end).replace(/\s+/g, " ")}${id ? ")" : ""}`;
  return { file, start, end, text: text.length > 80 ? `${text.slice(0, 79)}…` : text };
}

/** The props of one stack's instantiations that its constructs use, each under a name unique in the stack. */
class ModuleProps implements PropValues {
  private readonly names = new Map<Node, Map<Scope, string>>();
  private readonly values: { name: string; node: Node; scope: Scope; file: SourceFile }[] = [];
  private readonly taken = new Set<string>();

  constructor(private readonly fileOf: (node: Node) => SourceFile | undefined) {}

  name(node: Node, scope: Scope, label: string): string | undefined {
    const known = this.names.get(node)?.get(scope);
    if (known) return known;
    const file = this.fileOf(node);
    if (!file) return undefined;
    let name = label;
    for (let suffix = 2; this.taken.has(name); suffix++) name = `${label} (${suffix})`;
    this.taken.add(name);
    const perScope = this.names.get(node) ?? new Map<Scope, string>();
    this.names.set(node, perScope);
    perScope.set(scope, name);
    this.values.push({ name, node, scope, file });
    return name;
  }

  /** Each value once, including those that reading the others names (a prop passed on through props). */
  *pending(): Generator<{ name: string; node: Node; scope: Scope; file: SourceFile }> {
    for (let index = 0; index < this.values.length; index++) yield this.values[index];
  }
}

/** Adds a named value to the file's `locals` block, made when first needed. */
function addLocal(hcl: HclFile, attribute: Attribute): void {
  let block = hcl.body.blocks.find((candidate) => candidate.type === "locals");
  if (!block) {
    const where = { start: 0, end: 0 };
    block = {
      kind: "Block",
      type: "locals",
      typeSpan: where,
      labels: [],
      body: emptyBody(0, 0),
      openBrace: where,
      closeBrace: where,
      ...where,
    };
    hcl.body.blocks.push(block);
    hcl.body.items.push(block);
  }
  block.body.attributes.push(attribute);
  block.body.items.push(attribute);
}

/**
 * Runs one construct's reading so that code the reader did not foresee (it only compiles in part)
 * becomes a diagnostic at that construct, and the rest of the file is still read.
 */
/** The TypeScript compiler recurses by nesting depth: a file nested deeper than the stack allows is skipped, not fatal. */
function withinStack<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function tooDeep(file: SourceFile): CdktfRead["diagnostics"][number] {
  return {
    severity: "error",
    summary: "Nesting too deep",
    detail: "Expected TypeScript nested shallowly enough to parse; this file was not read.",
    file,
    start: 0,
    end: 0,
  };
}

function guarded<T>(result: CdktfRead, file: SourceFile, at: Node, read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result.diagnostics.push({
      severity: "error",
      summary: "Unreadable CDKTF construct",
      detail: `Expected a construct iflint can read statically (${reason.replace(/\.$/, "")}).`,
      file,
      start: at.getStart(),
      end: at.getEnd(),
    });
    return undefined;
  }
}

/** The Terraform type a `new` expression constructs, if it is a provider construct. */
function constructOf(
  morph: TsMorph,
  expression: NewExpression,
  bindings: ReadonlyMap<string, ImportBinding>,
): ConstructType | undefined {
  const { Node: N } = morph;
  const callee = unwrap(morph, expression.getExpression());
  if (N.isIdentifier(callee)) {
    const binding = bindings.get(callee.getText());
    return binding?.kind === "construct" ? binding.construct : undefined;
  }
  if (!N.isPropertyAccessExpression(callee)) return undefined;
  const object = unwrap(morph, callee.getExpression());
  const className = callee.getName();
  if (N.isIdentifier(object)) {
    // `lbListener.LbListener` (a binding module), `elb.Lb` or `iam.IamRole` (a service of
    // provider-aws 10 and earlier): the class names the resource.
    const binding = bindings.get(object.getText());
    // `random.Pet`: the earliest bindings exported every class from the package root.
    if (binding?.kind === "provider") return constructOfClass(binding.provider, className);
    if (binding?.kind !== "resource-module") return undefined;
    return constructOfClass(binding.construct.type.split("_")[0], className) ?? binding.construct;
  }
  if (N.isPropertyAccessExpression(object)) {
    // `aws.lbListener.LbListener`, `aws.iam.IamRole`.
    const root = unwrap(morph, object.getExpression());
    const binding = N.isIdentifier(root) ? bindings.get(root.getText()) : undefined;
    if (binding?.kind === "provider")
      return (
        constructOfClass(binding.provider, className) ??
        constructOfModule(binding.provider, memberToModule(object.getName()))
      );
  }
  return undefined;
}

function constructBlock(
  morph: TsMorph,
  statics: StaticExpressions,
  expression: NewExpression,
  address: ConstructAddress,
  guard: Guard | undefined,
): Block {
  const args = expression.getArguments();
  const callee = expression.getExpression();
  const idArgument = args[1] ?? callee;
  const config = args[2];
  const start = expression.getStart();
  const headerEnd = idArgument.getEnd();
  const body = config ? blockBody(morph, statics, config, undefined) : emptyBody(headerEnd, headerEnd);
  // `new Lb(...args)`: the configuration is whatever the runtime array holds.
  if (args.some((argument) => morph.Node.isSpreadElement(argument)))
    body.unknownContent = "the arguments are spread from a runtime value";
  if (guard) {
    // Created under an `if`, a `?:`, in a loop or after an early `return`: how many instances
    // exist is decided at run time.
    const where: Span = { start: guard.start, end: guard.end, file: guard.file };
    const count: Attribute = {
      kind: "Attribute",
      name: "count",
      nameSpan: where,
      expression: { kind: "Variable", name: "__cdktf_control_flow", ...where },
      ...where,
    };
    body.attributes.push(count);
    body.items.push(count);
  }
  const changed = changedAfterConstruction(morph, expression);
  if (changed) {
    body.blocks.push(changed);
    body.items.push(changed);
  }
  return {
    kind: "Block",
    type: address.mode === "data" ? "data" : "resource",
    typeSpan: { start, end: callee.getEnd() },
    labels: [
      { value: address.type, quoted: true, start: callee.getStart(), end: callee.getEnd() },
      { value: address.name, quoted: true, start: idArgument.getStart(), end: headerEnd },
    ],
    body,
    openBrace: { start: body.start, end: body.start + 1 },
    closeBrace: { start: Math.max(body.start, body.end - 1), end: body.end },
    start,
    end: expression.getEnd(),
  };
}

/**
 * Configuration set after the constructor (`app.httpsOnly = true`, `lb.putAccessLogs(...)`,
 * `app.addOverride("https_only", true)`) is not in the constructor's object, and code may run it
 * conditionally: the arguments it touches are unknown, said as `lifecycle { ignore_changes }` so
 * the model treats them as it treats arguments left to something else.
 */
function changedAfterConstruction(morph: TsMorph, expression: NewExpression): Block | undefined {
  const { Node: N, SyntaxKind } = morph;
  const parent = expression.getParent();
  const holder = N.isVariableDeclaration(parent)
    ? parent.getName()
    : N.isBinaryExpression(parent) && parent.getRight() === expression
      ? parent.getLeft().getText()
      : undefined;
  if (!holder) return undefined;
  const names = new Map<string, Span>();
  for (const access of expression.getSourceFile().getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getExpression().getText() !== holder) continue;
    const property = access.getName();
    const use = access.getParent();
    const site = { start: access.getStart(), end: access.getEnd() };
    if (
      N.isBinaryExpression(use) &&
      use.getLeft() === access &&
      use.getOperatorToken().getKind() === SyntaxKind.EqualsToken
    )
      names.set(snakeCase(property), site);
    else if (N.isCallExpression(use) && use.getExpression() === access) {
      const put = /^(put|reset)([A-Z]\w*)$/.exec(property);
      if (put) names.set(snakeCase(put[2].charAt(0).toLowerCase() + put[2].slice(1)), site);
      else if (property === "addOverride") {
        const path = use.getArguments()[0];
        names.set(N.isStringLiteral(path) ? path.getLiteralValue().split(".")[0] : "all", site);
      }
    }
  }
  if (!names.size) return undefined;
  const items: Expression[] = [...names].map(([name, site]) =>
    name === "all" ? { kind: "Variable", name, ...site } : { kind: "Literal", value: name, ...site },
  );
  const list: Expression = names.has("all")
    ? items.find((item) => item.kind === "Variable")!
    : { kind: "Tuple", items, start: expression.getStart(), end: expression.getEnd() };
  const where = { start: expression.getStart(), end: expression.getEnd() };
  const attribute: Attribute = {
    kind: "Attribute",
    name: "ignore_changes",
    nameSpan: where,
    expression: list,
    ...where,
  };
  const body: Body = { ...emptyBody(where.start, where.end), attributes: [attribute], items: [attribute] };
  return {
    kind: "Block",
    type: "lifecycle",
    typeSpan: where,
    labels: [],
    body,
    openBrace: where,
    closeBrace: where,
    ...where,
  };
}

/**
 * A construct's configuration (or a nested block's) as a block body: camelCase properties become
 * snake_case attributes. An object, or an array of objects, is given both as an attribute and as
 * nested blocks (as the JSON reader does), since only the provider schema could tell them apart.
 */
function blockBody(morph: TsMorph, statics: StaticExpressions, node: Node, site: Span | undefined): Body {
  const { Node: N } = morph;
  const where: Span = site ?? { start: node.getStart(), end: node.getEnd() };
  const body = emptyBody(where.start, where.end);
  const literal = statics.literal(node);
  if (!literal || !N.isObjectLiteralExpression(literal.node)) {
    body.unknownContent = `the configuration ${node.getText().slice(0, 40)} is not static`;
    return body;
  }
  const inlined = site ?? siteFor(literal.node, node);
  const { members, unknown } = statics.in(literal.scope).members(literal.node, inlined);
  if (unknown) body.unknownContent = unknown;
  for (const member of members) {
    if (SKIPPED_PROPERTIES.has(member.name)) continue;
    const name = member.name === "forEach" ? "for_each" : snakeCase(member.name);
    const nameSpan: Span = member.site ?? { start: member.nameNode.getStart(), end: member.nameNode.getEnd() };
    const reader = statics.in(member.scope);
    const expression: Expression = reader.convert(member.value, member.site, 0, true);
    const attribute: Attribute = {
      kind: "Attribute",
      name,
      nameSpan,
      expression,
      start: member.site?.start ?? member.property.getStart(),
      end: member.site?.end ?? member.property.getEnd(),
    };
    body.attributes.push(attribute);
    body.items.push(attribute);
    for (const nested of nestedBlocks(morph, reader, member.value)) {
      const nestedSite = member.site ?? siteFor(nested.node, member.value);
      const inner = blockBody(morph, reader.in(nested.scope), nested.node, nestedSite);
      const block: Block = {
        kind: "Block",
        type: name,
        typeSpan: nameSpan,
        labels: [],
        body: inner,
        openBrace: { start: inner.start, end: inner.start + 1 },
        closeBrace: { start: Math.max(inner.start, inner.end - 1), end: inner.end },
        start: attribute.start,
        end: inner.end,
      };
      body.blocks.push(block);
      body.items.push(block);
    }
  }
  return body;
}

/** The object literals a property's value is made of, when it is an object or an array of them. */
function nestedBlocks(
  morph: TsMorph,
  statics: StaticExpressions,
  value: Node,
): { node: Node; scope: StaticExpressions["scope"] }[] {
  const { Node: N } = morph;
  const literal = statics.literal(value);
  if (!literal) return [];
  if (N.isObjectLiteralExpression(literal.node)) return [literal];
  const elements = statics.elements(value) ?? [];
  const objects = elements.map((element) => statics.in(element.scope).literal(element.node));
  return objects.length && objects.every((object) => object && N.isObjectLiteralExpression(object.node))
    ? (objects as { node: Node; scope: StaticExpressions["scope"] }[])
    : [];
}

function syntaxErrors(morphFile: TsSourceFile, file: SourceFile): Diagnostic[] {
  const parseDiagnostics =
    (
      morphFile.compilerNode as unknown as {
        parseDiagnostics?: { start?: number; length?: number; messageText: unknown }[];
      }
    ).parseDiagnostics ?? [];
  return parseDiagnostics.slice(0, 1).map((diagnostic) => {
    const start = diagnostic.start ?? 0;
    const message = typeof diagnostic.messageText === "string" ? diagnostic.messageText : "syntax error";
    return {
      severity: "error",
      summary: "Invalid TypeScript",
      detail: `${message.replace(/\.$/, "")}.`,
      file,
      start,
      end: start + Math.max(1, diagnostic.length ?? 1),
    };
  });
}

/** Comments in the file, found with the compiler's scanner (so strings holding `//` are not comments). */
function commentsOf(morph: TsMorph, file: SourceFile): Comment[] {
  const { ts } = morph;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, file.text);
  const comments: Comment[] = [];
  // Open braces inside each enclosing template substitution: a `}` at depth 0 resumes the template.
  const templates: number[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd(), text: scanner.getTokenText() });
    } else if (token === ts.SyntaxKind.TemplateHead) {
      templates.push(0);
    } else if (token === ts.SyntaxKind.OpenBraceToken && templates.length) {
      templates[templates.length - 1]++;
    } else if (token === ts.SyntaxKind.CloseBraceToken && templates.length) {
      if (templates[templates.length - 1] > 0) templates[templates.length - 1]--;
      else if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) templates.pop();
    }
  }
  return comments;
}

function emptyBody(start: number, end: number): Body {
  return { kind: "Body", attributes: [], blocks: [], items: [], start, end };
}
