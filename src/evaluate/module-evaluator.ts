/**
 * Evaluates one Terraform module instance: its variables (from inputs, tfvars or defaults), locals
 * in dependency order, module calls (local sources only; never downloaded), count/for_each
 * expansion, and outputs flowing back to the caller. Everything is lazy and memoised, with cycle
 * detection, so evaluation order follows references rather than file order.
 */
import { join, relative, sep } from "node:path";
import type { Attribute, Block, Body, Expression } from "../parsers/hcl/ast.js";
import {
  attributeNamed,
  fileOfSyntax,
  hasAttributeNamed,
  lastAttributeNamed,
} from "../parsers/hcl/packed-attributes.js";
import { bodyToKeep, labelCount, labelValue } from "../parsers/hcl/compact-nodes.js";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import type { Estate, ParseDiagnostic, SwitchedOffResource } from "../model/estate.js";
import { refusalDiagnostic } from "../source/read-source.js";
import { resourceNode, type NamedBlock } from "../model/nodes.js";
import {
  Unknown,
  isObject,
  isUnknown,
  lessCertain,
  referencesOf,
  type Existence,
  type ModuleInstance,
  type Value,
  type ValueObject,
} from "../model/value.js";
import {
  blockParts,
  buildBlock,
  hclResourceNode,
  namedBlock,
  type BlockEvaluation,
  type Evaluated,
} from "./build-block.js";
import {
  collected,
  followedBy,
  localEvaluated,
  moduleInput,
  traceStep,
  tracesNothing,
  variableDefault,
  type Collected,
} from "./evaluation-trace.js";
import {
  ExpressionEvaluator,
  bind,
  getPath,
  unresolvedTraversal,
  type EvaluationScope,
  type Frame,
} from "./expression.js";
import { convertToType, parseTypeConstraint, type TypeConstraint } from "./type-constraints.js";
import { resolveRawAssignment, type AssignedValue, type RawAssignment } from "./variable-sources.js";
import { callFunction, type FunctionContext } from "./functions/index.js";
import { renderTemplateFile } from "./template-file.js";
import { ignoredChanges, withIgnoredChanges } from "./ignore-changes.js";
import { firstEvaluationError, MissingFileError, missingFileDiagnostic } from "./functions/errors.js";
import { EvaluationBudget, MAX_MODULE_INSTANCES_PER_ROOT, MAX_NESTED_EVALUATIONS } from "./budget.js";
import { capText } from "../source/cap-text.js";
import { flat } from "../source/flat-string.js";
import type { ModuleLoader, ModuleSource } from "./module-loader.js";
import { inPhase } from "../source/phase-clock.js";

/** Data sources that read a file of the repository. */
/** Data sources that read a file (`filename`): what `data.local_file.x.content` holds. */
export const LOCAL_FILE_DATA = new Set(["local_file", "local_sensitive_file"]);

/** Beyond this depth a module tree is assumed to be recursive or pathological. */
const MAX_MODULE_DEPTH = 16;
/** count/for_each larger than this are treated as unknown rather than expanded. */
const MAX_INSTANCES = 2_000;
const META_ARGUMENTS = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

export interface EvaluationContext {
  estate: Estate;
  loader: ModuleLoader;
  /** `terraform.workspace`: from --workspace or TF_WORKSPACE; unknown when neither says. */
  workspace?: string;
  /** Diagnostics already reported (refused reads), so each place is reported once. */
  reported?: Set<string>;
  /** The root module's evaluation allowance, shared by every module instance under it. */
  budget: EvaluationBudget;
  /** Every module instance evaluated with this context is added here, when given. */
  instances?: ModuleEvaluator[];
}

/** A declaration whose node cannot say which file it is in (see `declare`). */
class DeclarationInFile<T> {
  constructor(
    readonly node: T,
    readonly file: SourceFile,
  ) {}
}

/**
 * A declaration as a module source keeps it: the node alone when the node knows its file (a compact
 * block or packed attribute, the usual case), else the node with its file. A wrapper per resource,
 * variable, local and output of every module was 2-3% of a large scan's heap.
 */
type Declaration<T extends Block | Attribute> = T | DeclarationInFile<T>;

function declare<T extends Block | Attribute>(node: T, file: SourceFile): Declaration<T> {
  return fileOfSyntax(node) === file ? node : new DeclarationInFile(node, file);
}

function declaredNode<T extends Block | Attribute>(declaration: Declaration<T>): T {
  return declaration instanceof DeclarationInFile ? declaration.node : declaration;
}

function declaredFile(declaration: Declaration<Block | Attribute>): SourceFile {
  return declaration instanceof DeclarationInFile ? declaration.file : (fileOfSyntax(declaration) as SourceFile);
}

interface Expansion {
  key?: string | number;
  frame?: Frame;
  /** "unknown" for the one instance an unresolvable count/for_each stands for; "default" when it rests on a variable default. */
  existence?: Existence;
}

/** The one instance of a resource or module call without count or for_each (shared: never changed). */
const ONE_INSTANCE: readonly Expansion[] = Object.freeze([Object.freeze({})]);

/** The one instance a count/for_each that comes to none on a variable default would make if overridden. */
interface SwitchedOffExpansion extends Expansion {
  switch: SwitchedOffResource["switch"];
}

type ChildInstances =
  | { kind: "single"; child: ModuleEvaluator }
  | { kind: "keyed"; children: Map<string | number, ModuleEvaluator>; list: boolean }
  | { kind: "unknown"; reason: string; child?: ModuleEvaluator };

/**
 * How the blocks of one file of a module instance are evaluated: a literal over this prototype, not
 * a closure (a closure and its context for each file of each module instance, kept as long as the
 * blocks are).
 */
const FILE_EVALUATION = {
  evaluate(this: { file: SourceFile; module: ModuleEvaluator }, expression: Expression, frame?: Frame): Evaluated {
    return this.module.evaluate(expression, this.file, frame);
  },
  tracesNothing,
};

export class ModuleEvaluator {
  // Maps made when first needed: a scan makes thousands of module instances, many evaluating little.
  private evaluators: Map<SourceFile, ExpressionEvaluator> | undefined;
  private readonly variables: ReadonlyMap<string, Declaration<Block>>;
  private readonly locals: ReadonlyMap<string, Declaration<Attribute>>;
  private readonly outputs: ReadonlyMap<string, Declaration<Block>>;
  private readonly moduleCalls: ReadonlyMap<string, Declaration<Block>>;
  private readonly resources: ByTypeAndName;
  private readonly localFiles: ByTypeAndName;
  /** What functions may read: files of the repository, by paths resolved as Terraform resolves them. */
  private readonly functions: FunctionContext;
  /** Evaluations by the declaration evaluated (no key string made per read). */
  private memo: Map<object, Evaluated> | undefined;
  private children: Map<string, ChildInstances> | undefined;
  /** Declarations being evaluated, with their names, in the order they were entered. */
  private readonly inProgress: object[] = [];
  private readonly inProgressNames: string[] = [];
  private readonly collectors: Collected[] = [];

  constructor(
    private readonly context: EvaluationContext,
    readonly source: ModuleSource,
    readonly instance: ModuleInstance,
    /** Inputs by variable name; a module call's are evaluated only when the module reads them. */
    private readonly inputs: ModuleInputs,
    private readonly depth: number,
    /** Module call names from the root, for `.terraform/modules/modules.json` keys. */
    private readonly callPath: readonly string[],
    /** Directories of the modules that called this one, outermost first: a call back into one is a loop. */
    private readonly ancestors: readonly string[] = [],
  ) {
    context.instances?.push(this);
    ({
      variables: this.variables,
      locals: this.locals,
      outputs: this.outputs,
      moduleCalls: this.moduleCalls,
      resources: this.resources,
      localFiles: this.localFiles,
    } = declarationsOf(source));
    this.functions = { __proto__: ModuleEvaluator.FUNCTIONS, module: this } as unknown as FunctionContext;
  }

  /** What this instance's functions may read, over the instance (a literal over this, not three closures). */
  private static readonly FUNCTIONS = {
    readFile(this: { module: ModuleEvaluator }, path: string): string | undefined {
      const module = this.module;
      const loader = module.context.loader;
      const text = loader.readFileUnder(loader.rootDirectory(module.instance.root), path);
      if (typeof text === "string") {
        const file = loader.fileOfText(text);
        if (file) module.context.estate.textSources.set(text, { file, rendered: false });
        return text;
      }
      if (text === undefined) return text;
      if (module.callSite) module.reportOnce(refusalDiagnostic(text, module.callSite));
      return undefined;
    },
    listFiles(this: { module: ModuleEvaluator }, path: string, pattern: string): string[] | undefined {
      const module = this.module;
      const loader = module.context.loader;
      return loader.listFilesUnder(loader.rootDirectory(module.instance.root), path, pattern);
    },
    missingFile(this: { module: ModuleEvaluator }, name: string, path: string): Value | undefined {
      const module = this.module;
      const loader = module.context.loader;
      const site = module.callSite;
      // A refused read (outside the scan, a special file) was reported as such when it was asked for.
      if (!site || loader.readFileUnder(loader.rootDirectory(module.instance.root), path) !== undefined)
        return undefined;
      return new MissingFileError(`${name}: no file at ${path} in the scan`, path, site);
    },
    fileOf(this: { module: ModuleEvaluator }, text: string): SourceFile | undefined {
      return this.module.context.loader.fileOfText(text);
    },
    renderTemplate(this: { module: ModuleEvaluator }, path: string, variables: Value): Value | undefined {
      const module = this.module;
      const functions = module.functions;
      const text = functions.readFile?.(path);
      if (text === undefined) return undefined;
      const rendered = renderTemplateFile(path, text, variables, (name, args) => callFunction(name, args, functions));
      const file = module.context.loader.fileOfText(text);
      if (file && (typeof rendered === "string" || rendered instanceof Unknown))
        module.context.estate.textSources.set(rendered, { file, rendered: true });
      return rendered;
    },
  };

  /** `path.module`, once known. */
  private pathModule: string | undefined;

  /** The function call being evaluated, where a refused file read is reported. */
  private callSite: SourceRange | undefined;

  /** A scope for one file: calls know where they are, so a refused read points at the call. */
  private scopeFor(file: SourceFile): EvaluationScope {
    return { __proto__: ModuleEvaluator.FILE_SCOPE, module: this, file } as unknown as EvaluationScope;
  }

  /** What a file's scope does, over its module instance and file (a literal over this, not two closures). */
  private static readonly FILE_SCOPE = {
    resolve(
      this: { module: ModuleEvaluator },
      root: string,
      steps: readonly (string | number)[],
      text: string,
      indexed?: readonly boolean[],
    ): Value {
      return this.module.resolve(root, steps, text, indexed);
    },
    call(
      this: { module: ModuleEvaluator; file: SourceFile },
      name: string,
      args: Value[],
      site?: { start: number; end: number },
    ): Value | undefined {
      const module = this.module;
      const previous = module.callSite;
      module.callSite = site ? new SourceRange(this.file, site.start, site.end) : previous;
      try {
        return callFunction(name, args, module.functions);
      } finally {
        module.callSite = previous;
      }
    },
  };

  /** A diagnostic once per place and text: module instances share their files. */
  private reportOnce(diagnostic: ParseDiagnostic): void {
    const key = `${diagnostic.range.file.absolutePath}:${diagnostic.range.startOffset}:${diagnostic.detail}`;
    if (this.context.reported?.has(key)) return;
    this.context.reported?.add(key);
    this.context.estate.diagnostics.push(diagnostic);
  }

  /** Adds this instance's declarations and resources to the estate, then its child modules'. */
  run(): void {
    inPhase("evaluation", () => this.addToEstate());
  }

  private addToEstate(): void {
    const estate = this.context.estate;
    // This instance's module calls by name, for those that are not evaluated.
    let calls: Map<string, NamedBlock> | undefined;
    for (const { file, parsed, input, constructPaths } of this.source.files) {
      const evaluation = this.blockEvaluation(file);
      // Indexed loops: these run for every block of every module instance.
      const blocks = parsed.body.blocks;
      for (let blockIndex = 0; blockIndex < blocks.length; blockIndex++) {
        const block = blocks[blockIndex];
        const labels = labelCount(block);
        if ((block.type === "resource" || block.type === "data") && labels === 2) {
          const resourceType = labelValue(block, 0) as string;
          const name = labelValue(block, 1) as string;
          const mode = block.type === "data" ? "data" : "managed";
          const list = block.type === "data" ? estate.dataSources : estate.resources;
          const constructPath = constructPaths?.get(block);
          const ignored = mode === "managed" ? ignoredChanges(block, file) : undefined;
          const expansions = this.expansions(bodyToKeep(block), file, true);
          if (!expansions.length && mode === "managed")
            estate.switchedOffPending.push({
              resourceType,
              root: this.instance.root,
              resolve: () => {
                const expansion = this.switchedOffExpansion(bodyToKeep(block), file);
                if (!expansion) return undefined;
                const resource = hclResourceNode(
                  mode,
                  resourceType,
                  name,
                  this.instance,
                  input,
                  block,
                  evaluation,
                  expansion.frame,
                  expansion.key,
                  undefined,
                );
                return { resource, switch: expansion.switch };
              },
            });
          for (let index = 0; index < expansions.length; index++) {
            const expansion = expansions[index];
            const existence = lessCertain(this.instance.existence, expansion.existence);
            const resource = ignored
              ? resourceNode(
                  mode,
                  resourceType,
                  name,
                  this.instance,
                  input,
                  withIgnoredChanges(
                    blockParts(block, evaluation, expansion.frame),
                    [resourceType, name],
                    block,
                    ignored,
                  ),
                  expansion.key,
                  existence,
                )
              : hclResourceNode(
                  mode,
                  resourceType,
                  name,
                  this.instance,
                  input,
                  block,
                  evaluation,
                  expansion.frame,
                  expansion.key,
                  existence,
                );
            if (constructPath !== undefined) resource.constructPath = constructPath;
            list.push(resource);
          }
        } else if (block.type === "removed") {
          this.addHandedOver(block, file, evaluation);
        } else if (block.type === "locals") {
          // Every local is evaluated, as Terraform does: a cycle or a refused read is reported even when unused.
          for (const attribute of bodyToKeep(block).attributes) this.local(attribute.name);
        } else if (labels === 1 && (block.type === "module" || block.type === "provider")) {
          const name = labelValue(block, 0) as string;
          const named = namedBlock(name, this.instance, block, evaluation);
          if (block.type === "module") {
            estate.moduleCalls.push(named);
            (calls ??= new Map()).set(name, named);
          } else estate.providers.push(named);
        } else if (labels === 1 && block.type === "output" && this.instance.address === "") {
          estate.rootOutputs.push(namedBlock(labelValue(block, 0) as string, this.instance, block, evaluation));
        }
      }
    }
    for (const name of this.moduleCalls.keys()) {
      const instances = this.childInstances(name);
      if (instances.kind === "single") instances.child.run();
      else if (instances.kind === "keyed") for (const child of instances.children.values()) child.run();
      else if (instances.child) instances.child.run();
      else {
        const call = calls?.get(name);
        if (call) estate.unevaluatedModuleCalls.push(call);
      }
    }
  }

  /**
   * `removed { from = aws_x.y  lifecycle { destroy = false } }` (Terraform 1.7+): the resource
   * leaves the configuration but not the account, so rules must not judge as if it were gone.
   */
  private addHandedOver(block: Block, file: SourceFile, evaluation: BlockEvaluation): void {
    const body = bodyToKeep(block);
    const from = attributeNamed(body, "from");
    const destroy = body.blocks
      .filter((inner) => inner.type === "lifecycle")
      .flatMap((lifecycle) => bodyToKeep(lifecycle).attributes.filter((attribute) => attribute.name === "destroy"));
    if (
      !from ||
      !destroy.length ||
      !destroy.every((attribute) => this.evaluate(attribute.expression, file).value === false)
    )
      return;
    const address = file.text.slice(from.expression.start, from.expression.end).replace(/^"|"$/g, "").trim();
    const resourceType = /(?:^|\.)([a-z][a-z0-9_]*)\.[A-Za-z_][\w-]*$/.exec(address.replace(/\[[^\]]*\]/g, ""))?.[1];
    if (!resourceType || resourceType === "module" || resourceType === "data") return;
    this.context.estate.handedOver.push({
      resourceType,
      address,
      module: this.instance,
      block: buildBlock(block, evaluation),
    });
  }

  /**
   * Every output's value, as `module.<name>` reads them without naming one. Kept once made, unless
   * something of this module was being evaluated meanwhile (then a cycle may have made an output
   * unknown in it that is known once its evaluation ends): a module read whole in many places
   * would otherwise look up every output again each time.
   */
  outputsValue(): Value {
    if (this.allOutputs !== undefined) return this.allOutputs;
    if (this.makingOutputs) this.outputsReentered = true;
    const cacheable = this.inProgress.length === 0 && !this.makingOutputs;
    const making = this.makingOutputs;
    this.makingOutputs = true;
    const result: ValueObject = {};
    try {
      for (const name of this.outputs.keys()) result[name] = this.output(name)?.value ?? null;
    } finally {
      this.makingOutputs = making;
    }
    if (cacheable && !this.outputsReentered) this.allOutputs = result;
    if (!making) this.outputsReentered = false;
    return result;
  }

  private allOutputs: Value | undefined;
  private makingOutputs = false;
  private outputsReentered = false;

  /** An output's value, for the caller's `module.<name>.<output>`. */
  output(name: string): Evaluated | undefined {
    const declaration = this.outputs.get(name);
    if (!declaration) return undefined;
    const block = declaredNode(declaration);
    const file = declaredFile(declaration);
    const value = attributeNamed(bodyToKeep(block), "value");
    if (!value) return { value: null, trace: [], usesDefault: false };
    return this.memoised("output.", name, block, file, () => this.evaluate(value.expression, file));
  }

  evaluate(expression: Expression, file: SourceFile, frame?: Frame): Evaluated {
    const collector = collected();
    const budget = this.context.budget;
    if (!budget.enter()) {
      this.reportOnce({
        range: new SourceRange(file, expression.start, expression.end),
        summary: "References nested too deeply",
        detail: `Evaluating this needs more than ${MAX_NESTED_EVALUATIONS} references inside one another (a chain of locals or outputs); its value is left unknown.`,
      });
      collector.value = new Unknown(`references nested more than ${MAX_NESTED_EVALUATIONS} deep`);
      return collector;
    }
    this.collectors.push(collector);
    try {
      collector.value = this.evaluatorFor(file).evaluate(expression, frame);
    } finally {
      this.collectors.pop();
      budget.leave();
    }
    // What was read more than once (a local in every iteration of a for) adds no step the second time.
    if (Array.isArray(collector.recorded)) collector.recorded = [...new Set(collector.recorded)];
    const error = firstEvaluationError(collector.value);
    if (error) {
      this.context.estate.notes.push({
        range: new SourceRange(file, expression.start, expression.end),
        message: `evaluation error, value unknown: ${error.reason}`,
      });
      // A missing file the value still needs (not one `try` got past) is a warning, not a quiet note.
      if (error instanceof MissingFileError) this.reportOnce(missingFileDiagnostic(error));
    }
    return collector;
  }

  private blockEvaluation(file: SourceFile): BlockEvaluation {
    return { __proto__: FILE_EVALUATION, file, module: this } as unknown as BlockEvaluation;
  }

  private evaluatorFor(file: SourceFile): ExpressionEvaluator {
    // Evaluations come in runs from one file (a resource's attributes): the last one is at hand.
    if (file === this.recentFile) return this.recentEvaluator as ExpressionEvaluator;
    let evaluator = this.evaluators?.get(file);
    if (!evaluator) {
      evaluator = new ExpressionEvaluator(this.scopeFor(file), file.text, this.context.budget);
      (this.evaluators ??= new Map()).set(file, evaluator);
    }
    this.recentFile = file;
    this.recentEvaluator = evaluator;
    return evaluator;
  }

  private recentFile: SourceFile | undefined;
  private recentEvaluator: ExpressionEvaluator | undefined;

  /** Adds where a value came from to the evaluation in progress (its steps are gathered when its trace is read). */
  private record(evaluated: Evaluated): void {
    const collector = this.collectors[this.collectors.length - 1];
    if (!collector) return;
    const recorded = collector.recorded;
    // One evaluation read (the usual case) is kept without an array.
    if (recorded === undefined) collector.recorded = evaluated;
    else if (Array.isArray(recorded)) recorded.push(evaluated);
    else if (recorded !== evaluated) collector.recorded = [recorded, evaluated];
    collector.usesDefault ||= evaluated.usesDefault;
  }

  private resolve(
    root: string,
    steps: readonly (string | number)[],
    text: string,
    indexed?: readonly boolean[],
  ): Value {
    const first = steps[0];
    switch (root) {
      case "var": {
        const evaluated = typeof first === "string" ? this.variable(first) : undefined;
        if (!evaluated) return new Unknown(`${text} (not declared)`);
        this.record(evaluated);
        return getPath(evaluated.value, steps, text, 1);
      }
      case "local": {
        const evaluated = typeof first === "string" ? this.local(first) : undefined;
        if (!evaluated) return new Unknown(`${text} (not declared)`);
        this.record(evaluated);
        return getPath(evaluated.value, steps, text, 1);
      }
      case "module":
        return typeof first === "string" ? this.moduleValue(first, steps.slice(1), text) : new Unknown(text);
      case "terraform":
        if (first === "workspace" && this.context.workspace !== undefined) return this.context.workspace;
        return new Unknown(text);
      case "path": {
        // As Terraform gives them, running in the root module's directory: path.module and path.root
        // relative to it, path.cwd absolute.
        const rootDirectory = this.context.loader.rootDirectory(this.instance.root);
        // Worked out once per instance: modules read path.module in many expressions.
        if (first === "module") return (this.pathModule ??= pathModuleOf(rootDirectory, this.source));
        if (first === "root") return ".";
        if (first === "cwd") return rootDirectory;
        return new Unknown(text);
      }
      case "data":
        return this.localFileContent(steps, text) ?? unresolvedTraversal(this.instance, root, steps, text, indexed);
      default:
        return (
          this.resourceAttribute(root, steps, text) ?? unresolvedTraversal(this.instance, root, steps, text, indexed)
        );
    }
  }

  /**
   * `aws_lb.portal.name` where the configuration sets `name`: Terraform plans that value as
   * written, so it is known. Computed attributes (`arn`, `id`) and expanded resources stay
   * unknown references.
   */
  private resourceAttribute(type: string, steps: readonly (string | number)[], text: string): Value | undefined {
    const [name, attributeName, ...rest] = steps;
    if (typeof name !== "string" || typeof attributeName !== "string") return undefined;
    const declaration = this.resources.get(type)?.get(name);
    if (!declaration) return undefined;
    const body = bodyToKeep(declaredNode(declaration));
    if (hasCountOrForEach(body)) return undefined;
    const attribute = attributeNamed(body, attributeName);
    if (!attribute) return undefined;
    const file = declaredFile(declaration);
    const evaluated = this.memoised(`${type}.${name}.`, attributeName, attribute, file, () =>
      this.evaluate(attribute.expression, file),
    );
    this.record(evaluated);
    const value = getPath(evaluated.value, rest, text);
    // Not known here (`bucket = "logs-${var.suffix}"`): left a reference to the resource's
    // attribute, which still says which resource it is (as `.id` or `.arn` does).
    return isUnknown(value) ? undefined : value;
  }

  /**
   * `data.local_file.x.content`: the file is in the repository, so its content is known when its
   * filename is (and the file is under the scanned root); reading a file executes nothing.
   */
  private localFileContent(steps: readonly (string | number)[], text: string): Value | undefined {
    const [type, name, attributeName, ...rest] = steps;
    if (attributeName !== "content" || typeof type !== "string" || typeof name !== "string") return undefined;
    const declaration = this.localFiles.get(type)?.get(name);
    if (!declaration) return undefined;
    const body = bodyToKeep(declaredNode(declaration));
    const filename = attributeNamed(body, "filename");
    if (!filename || hasCountOrForEach(body)) return undefined;
    const file = declaredFile(declaration);
    const path = this.evaluate(filename.expression, file).value;
    const previous = this.callSite;
    this.callSite = new SourceRange(file, filename.expression.start, filename.expression.end);
    const content = typeof path === "string" ? this.functions.readFile?.(path) : undefined;
    this.callSite = previous;
    return content === undefined ? undefined : getPath(content, rest, text);
  }

  private variable(name: string): Evaluated | undefined {
    const declaration = this.variables.get(name);
    if (!declaration) return undefined;
    const block = declaredNode(declaration);
    const file = declaredFile(declaration);
    return this.memoised("var.", name, block, file, () => {
      const attribute = (attributeName: string) => attributeNamed(bodyToKeep(block), attributeName);
      const type = typeConstraintOf(block, file);
      const given = this.inputs.get(name);
      if (given) {
        const assigned =
          "kind" in given
            ? resolveRawAssignment(
                given,
                type.kind !== "string" && type.kind !== "number" && type.kind !== "bool" && type.kind !== "any",
              )
            : given;
        const value = convertToType(assigned.value, type);
        const where = assigned.range ?? new SourceRange(file, block.start, block.start);
        return followedBy(
          assigned,
          traceStep(`var.${name}`, value, assigned.label, where),
          value,
          assigned.usesDefault,
        );
      }
      const defaultAttribute = attribute("default");
      if (defaultAttribute) {
        const value = convertToType(this.evaluate(defaultAttribute.expression, file).value, type);
        const { start, end } = defaultAttribute.expression;
        // Only a root module's defaults can be overridden (tfvars, the pipeline).
        return variableDefault(name, value, this.depth === 0, file, start, end);
      }
      return { value: new Unknown(`var.${name} (no value given)`), trace: [], usesDefault: false };
    });
  }

  private local(name: string): Evaluated | undefined {
    const declaration = this.locals.get(name);
    if (!declaration) return undefined;
    const attribute = declaredNode(declaration);
    const file = declaredFile(declaration);
    return this.memoised("local.", name, attribute, file, () => {
      const evaluated = this.evaluate(attribute.expression, file);
      return localEvaluated(evaluated, name, file, attribute.start, attribute.end);
    });
  }

  /**
   * Memoises an evaluation of a declaration (the node keys it: one node, one name) and turns a
   * reference cycle into a diagnostic and an unknown. Its name is made only when not yet memoised.
   */
  private memoised(
    prefix: string,
    name: string,
    node: { start: number; end: number },
    file: SourceFile,
    compute: () => Evaluated,
  ): Evaluated {
    const memo = (this.memo ??= new Map());
    const cached = memo.get(node);
    if (cached) return cached;
    const key = prefix + name;
    if (this.inProgress.includes(node)) {
      const cycle = [...this.inProgressNames, key];
      this.context.estate.diagnostics.push({
        range: new SourceRange(file, node.start, node.end),
        summary: "Reference cycle",
        detail: `${key} depends on itself: ${cycle.slice(cycle.indexOf(key)).join(" → ")}.`,
      });
      const unknown: Evaluated = { value: new Unknown(`${key} (cycle)`), trace: [], usesDefault: false };
      memo.set(node, unknown);
      return unknown;
    }
    this.inProgress.push(node);
    this.inProgressNames.push(key);
    try {
      const result = compute();
      memo.set(node, result);
      return result;
    } finally {
      // Evaluations nest, so the one leaving is the last entered.
      this.inProgress.pop();
      this.inProgressNames.pop();
    }
  }

  private moduleValue(name: string, steps: readonly (string | number)[], text: string): Value {
    if (!this.moduleCalls.has(name)) return new Unknown(`${text} (no such module call)`);
    const instances = this.childInstances(name);
    if (instances.kind === "unknown") {
      // What a module not evaluated makes is not seen, but a value read from it is still its own
      // (a load balancer made by a remote module in this root, not another stack's).
      const address = `${this.instance.address ? `${this.instance.address}.` : ""}module.${name}`;
      const path = steps.filter((step): step is string => typeof step === "string");
      return new Unknown(`${text} (${instances.reason})`, [{ module: this.instance, address, path }]);
    }
    let child: ModuleEvaluator | undefined;
    let rest: readonly (string | number)[];
    if (instances.kind === "single") {
      child = instances.child;
      rest = steps;
    } else {
      if (steps.length === 0) return keyedOutputs(instances);
      child = instances.children.get(steps[0]);
      rest = steps.slice(1);
      if (!child) return new Unknown(`${text} (no such instance)`);
    }
    const [outputName, ...path] = rest;
    if (typeof outputName !== "string") return child.outputsValue();
    const evaluated = child.output(outputName);
    if (!evaluated) return new Unknown(`${text} (no such output)`);
    this.record(evaluated);
    return getPath(evaluated.value, path, text);
  }

  private childInstances(name: string): ChildInstances {
    const children = (this.children ??= new Map());
    const cached = children.get(name);
    if (cached) return cached;
    const declaration = this.moduleCalls.get(name) as Declaration<Block>;
    const placeholder: ChildInstances = { kind: "unknown", reason: "module call depends on itself" };
    children.set(name, placeholder);
    const result = this.instantiate(name, declaration);
    children.set(name, result);
    return result;
  }

  private instantiate(name: string, declaration: Declaration<Block>): ChildInstances {
    const block = declaredNode(declaration);
    const file = declaredFile(declaration);
    const body = bodyToKeep(block);
    const sourceAttribute = attributeNamed(body, "source");
    const sourceValue = sourceAttribute ? this.evaluate(sourceAttribute.expression, file).value : undefined;
    if (typeof sourceValue !== "string") return { kind: "unknown", reason: "module source not known" };
    const directory = this.moduleDirectory(name, sourceValue);
    if (!directory) {
      this.context.estate.addRemoteModuleCall(`${file.path}:${block.start}`, this.instance.root);
      return { kind: "unknown", reason: `module source ${sourceValue} is not local and is never downloaded` };
    }
    const source = this.context.loader.load(directory);
    const range = new SourceRange(file, block.typeSpan.start, block.labels[0]?.end ?? block.typeSpan.end);
    // `./.terraform/modules/x/...` points into what `terraform init` downloads: remote in all but name.
    if (!source && /(^|\/)\.terraform\/modules\//.test(sourceValue)) {
      this.context.estate.addRemoteModuleCall(`${file.path}:${block.start}`, this.instance.root);
      return {
        kind: "unknown",
        reason: `module source ${sourceValue} is installed by terraform init, which has not run`,
      };
    }
    const refusal = source ? undefined : this.context.loader.refusalOf(directory);
    if (refusal) {
      this.reportOnce(refusalDiagnostic(refusal, range));
      return { kind: "unknown", reason: "module source outside the scan" };
    }
    if (!source) {
      this.context.estate.diagnostics.push({
        range,
        summary: "Module not found",
        detail: `Expected Terraform files in ${sourceValue} (module "${name}"), but found none; its resources are not checked and its outputs are unknown.`,
        kind: "module-not-found",
        root: this.instance.root,
      });
      return { kind: "unknown", reason: "module source not found" };
    }
    if (this.depth + 1 > MAX_MODULE_DEPTH) {
      this.context.estate.diagnostics.push({
        range,
        summary: "Module nesting too deep",
        detail: `Module "${name}" is nested more than ${MAX_MODULE_DEPTH} levels deep; is a module calling itself?`,
      });
      return { kind: "unknown", reason: "module nesting too deep" };
    }
    if (
      source.absoluteDirectory === this.source.absoluteDirectory ||
      this.ancestors.includes(source.absoluteDirectory)
    ) {
      this.reportOnce({
        range,
        summary: "Module calls itself",
        detail: `Module "${name}" calls a module that is already calling it (${capText(sourceValue)}); Terraform rejects module cycles, and its instances are not evaluated.`,
      });
      return { kind: "unknown", reason: "module calls itself" };
    }
    const expansions = this.expansions(body, file);
    if (!this.context.budget.addInstances(Math.max(1, expansions.length))) {
      this.reportOnce({
        range,
        summary: "Too many module instances",
        detail: `Module "${name}" would take this root module past ${MAX_MODULE_INSTANCES_PER_ROOT.toLocaleString("en-GB")} module instances; they are not evaluated.`,
      });
      return { kind: "unknown", reason: "too many module instances" };
    }
    const countOrForEach = hasCountOrForEach(body);
    const create = (expansion: Expansion): ModuleEvaluator => {
      const key =
        expansion.key === undefined
          ? ""
          : typeof expansion.key === "number"
            ? `[${expansion.key}]`
            : `[${JSON.stringify(expansion.key)}]`;
      const address = flat(`${this.instance.address ? `${this.instance.address}.` : ""}module.${name}${key}`);
      // One reader per instance, not a map of a function per argument: a module reads few of them.
      const inputs: ModuleInputs = {
        get: (variable) => {
          const attribute = inputArgument(body, variable);
          if (!attribute) return undefined;
          const evaluated = this.evaluate(attribute.expression, file, expansion.frame);
          return moduleInput(
            evaluated,
            `module "${name}" input`,
            new SourceRange(file, attribute.start, attribute.end),
          );
        },
      };
      const existence = lessCertain(this.instance.existence, expansion.existence);
      const instance = this.context.estate.module(this.instance.root, address, source.directory, range, existence);
      return new ModuleEvaluator(
        this.context,
        source,
        instance,
        inputs,
        this.depth + 1,
        // Exactly sized (a spread leaves room to grow): every instance keeps both.
        this.callPath.concat(name),
        this.ancestors.concat(this.source.absoluteDirectory),
      );
    };
    if (!countOrForEach) return { kind: "single", child: create(expansions[0] ?? {}) };
    if (expansions.length === 1 && expansions[0].key === undefined)
      return { kind: "unknown", reason: "count/for_each not known", child: create(expansions[0]) };
    const children = new Map<string | number, ModuleEvaluator>();
    for (const expansion of expansions) children.set(expansion.key as string | number, create(expansion));
    // A module call switched off by a default is not evaluated for what it would create: on
    // terraform-aws-modules it was a seventh of the scan's time, for links rarely made that way.
    return { kind: "keyed", children, list: hasAttributeNamed(body, "count") };
  }

  private moduleDirectory(name: string, source: string): string | undefined {
    if (source.startsWith("./") || source.startsWith("../") || source === "." || source === "..")
      return join(this.source.absoluteDirectory, source);
    // Remote modules are used only where `terraform init` already fetched them.
    return this.context.loader.installedModule(this.instance.root, [...this.callPath, name].join("."));
  }

  /**
   * For a count/for_each that makes no instance: the one instance it would make, when it comes to
   * none only on a root variable's default (tfvars or a pipeline may switch it on).
   */
  private switchedOffExpansion(body: Body, file: SourceFile): SwitchedOffExpansion | undefined {
    const count = attributeNamed(body, "count");
    const attribute = count ?? attributeNamed(body, "for_each");
    if (!attribute) return undefined;
    const { usesDefault, trace } = this.evaluate(attribute.expression, file);
    if (!usesDefault) return undefined;
    const range = new SourceRange(file, attribute.start, attribute.end);
    return count
      ? {
          key: 0,
          frame: bind("count", { index: 0 }),
          switch: { range, trace, reason: "this count comes to 0 on a variable default" },
        }
      : {
          frame: bind("each", { key: new Unknown("each.key"), value: new Unknown("each.value") }),
          switch: { range, trace, reason: "this for_each is empty on a variable default" },
        };
  }

  /**
   * Instances of a resource or module call: one per count index or for_each key. For a resource,
   * a count that is one of a few known numbers (`var.enabled ? 1 : 0`, the condition unknown) makes
   * the instances the largest would, each as certain as the smallest makes it: the instance, if
   * any, is `[0]`, so findings name it.
   */
  private expansions(body: Body, file: SourceFile, resource = false): readonly Expansion[] {
    const count = attributeNamed(body, "count");
    const forEach = attributeNamed(body, "for_each");
    if (count) {
      const { value, usesDefault } = this.evaluate(count.expression, file);
      const existence = usesDefault ? "default" : undefined;
      const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
      const choices = resource && isUnknown(value) ? countChoices(value) : undefined;
      if (choices) {
        const least = Math.min(...choices);
        return Array.from({ length: Math.max(...choices) }, (_, index) => ({
          key: index,
          frame: bind("count", { index }),
          existence: index < least ? existence : "unknown",
        }));
      }
      if (!Number.isInteger(number) || number < 0 || number > MAX_INSTANCES)
        return [{ frame: bind("count", { index: new Unknown("count.index") }), existence: "unknown" }];
      return Array.from({ length: number }, (_, index) => ({
        key: index,
        frame: bind("count", { index }),
        existence,
      }));
    }
    if (forEach) {
      const { value, usesDefault } = this.evaluate(forEach.expression, file);
      const existence = usesDefault ? "default" : undefined;
      const unknown: Expansion[] = [
        {
          frame: bind("each", { key: new Unknown("each.key"), value: new Unknown("each.value") }),
          existence: "unknown",
        },
      ];
      if (isObject(value)) {
        const keys = Object.keys(value).sort();
        if (keys.length > MAX_INSTANCES) return unknown;
        return keys.map((key) => ({ key, frame: bind("each", { key, value: value[key] }), existence }));
      }
      if (isUnknown(value) && value.known?.kind === "values")
        return [instanceOfUnknownKeys(value.known.values, existence)];
      if (Array.isArray(value) && value.length <= MAX_INSTANCES && value.every((item) => typeof item === "string")) {
        return [...new Set(value as string[])]
          .sort()
          .map((key) => ({ key, frame: bind("each", { key, value: key }), existence }));
      }
      return unknown;
    }
    return ONE_INSTANCE;
  }
}

/** The counts an unknown count may be (a conditional's results, nested ones too); undefined unless each is a valid count. */
function countChoices(value: Unknown): number[] | undefined {
  if (value.known?.kind !== "choice") return undefined;
  const counts: number[] = [];
  for (const choice of value.known.values) {
    if (isUnknown(choice)) {
      const nested = countChoices(choice);
      if (!nested) return undefined;
      counts.push(...nested);
      continue;
    }
    const number = typeof choice === "number" ? choice : typeof choice === "string" ? Number(choice) : NaN;
    if (!Number.isInteger(number) || number < 0 || number > MAX_INSTANCES) return undefined;
    counts.push(number);
  }
  return counts.length ? counts : undefined;
}

/**
 * A module's declarations, and what loading asks of its blocks, gathered in one pass over them
 * (made once per module source and shared by all its instances). A pass over every block of a
 * large estate is slow for the memory it reads, not for what it does: each one saved counts.
 */
export interface Declarations {
  variables: Map<string, Declaration<Block>>;
  locals: Map<string, Declaration<Attribute>>;
  outputs: Map<string, Declaration<Block>>;
  moduleCalls: Map<string, Declaration<Block>>;
  resources: ByTypeAndName;
  /** `local_file` data sources: what `data.local_file.x.content` reads. */
  localFiles: ByTypeAndName;
  /** Every `module` block, whatever its labels, in order. */
  moduleBlocks: Block[];
  /** Every `terraform` block, in order. */
  terraformBlocks: Block[];
  /** True when some `provider` block configures a provider. */
  configuresProvider: boolean;
}

/** Resource or data blocks by type, then name: looked up without making a `type.name` string per block or read. */
type ByTypeAndName = Map<string, Map<string, Declaration<Block>>>;

/** A module's declarations by name, made once per module source and shared by all its instances. */
const declarationsBySource = new WeakMap<ModuleSource, Declarations>();

export function declarationsOf(source: ModuleSource): Declarations {
  const cached = declarationsBySource.get(source);
  if (cached) return cached;
  const declarations: Declarations = {
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    moduleCalls: new Map(),
    resources: new Map(),
    localFiles: new Map(),
    moduleBlocks: [],
    terraformBlocks: [],
    configuresProvider: false,
  };
  for (const { file, parsed } of source.files) {
    for (const block of parsed.body.blocks) {
      const type = block.type;
      const labels = labelCount(block);
      if (type === "locals") {
        for (const attribute of bodyToKeep(block).attributes)
          declarations.locals.set(attribute.name, declare(attribute, file));
      } else if (type === "resource") {
        if (labels === 2) addByTypeAndName(declarations.resources, block, file);
      } else if (type === "data") {
        if (labels === 2 && LOCAL_FILE_DATA.has(labelValue(block, 0) as string))
          addByTypeAndName(declarations.localFiles, block, file);
      } else if (type === "module") {
        declarations.moduleBlocks.push(block);
        if (labels === 1) declarations.moduleCalls.set(labelValue(block, 0) as string, declare(block, file));
      } else if (type === "variable") {
        if (labels === 1) declarations.variables.set(labelValue(block, 0) as string, declare(block, file));
      } else if (type === "output") {
        if (labels === 1) declarations.outputs.set(labelValue(block, 0) as string, declare(block, file));
      } else if (type === "terraform") declarations.terraformBlocks.push(block);
      else if (type === "provider") declarations.configuresProvider = true;
    }
  }
  declarationsBySource.set(source, declarations);
  return declarations;
}

function addByTypeAndName(map: ByTypeAndName, block: Block, file: SourceFile): void {
  const type = labelValue(block, 0) as string;
  let byName = map.get(type);
  if (!byName) map.set(type, (byName = new Map()));
  byName.set(labelValue(block, 1) as string, declare(block, file));
}

/**
 * A module instance's inputs by variable name: the root's assignments, or a module call's arguments,
 * evaluated when the module reads them (as Terraform's graph does: an output that does not depend on
 * an input must not create a cycle through it).
 */
export interface ModuleInputs {
  get(name: string): AssignedValue | RawAssignment | undefined;
}

/** The argument of a module call that sets a variable: the last one of that name, as a map of them would hold. */
function inputArgument(body: Body, variable: string): Attribute | undefined {
  if (META_ARGUMENTS.has(variable)) return undefined;
  return lastAttributeNamed(body, variable);
}

/** Variables' type constraints, read once per declaration rather than once per module instance. */
const typeConstraints = new WeakMap<Block, TypeConstraint>();

function typeConstraintOf(block: Block, file: SourceFile): TypeConstraint {
  let type = typeConstraints.get(block);
  if (type === undefined) {
    const expression = attributeNamed(bodyToKeep(block), "type")?.expression;
    type = parseTypeConstraint(expression, file.text);
    typeConstraints.set(block, type);
  }
  return type;
}

/** `path.module` of a module source under a root directory, worked out once per pair (a module has many instances). */
const pathModules = new WeakMap<ModuleSource, Map<string, string>>();

function pathModuleOf(rootDirectory: string, source: ModuleSource): string {
  let byRoot = pathModules.get(source);
  if (!byRoot) pathModules.set(source, (byRoot = new Map()));
  let path = byRoot.get(rootDirectory);
  if (path === undefined) {
    path = relative(rootDirectory, source.absoluteDirectory).split(sep).join("/") || ".";
    byRoot.set(rootDirectory, path);
  }
  return path;
}

/**
 * The one instance that stands for a for_each over a map whose keys are not known but whose values
 * are: `each.value` is the value (one of them, when there are several), so what it names is still
 * linked. A map of one entry makes exactly one instance; of several, as many as there are distinct keys.
 */
function instanceOfUnknownKeys(values: readonly Value[], existence: Existence | undefined): Expansion {
  const value =
    values.length === 1
      ? values[0]
      : new Unknown("each.value", values.flatMap(referencesOf), { kind: "choice", values });
  return {
    frame: bind("each", { key: new Unknown("each.key"), value }),
    existence: values.length === 1 ? existence : "unknown",
  };
}

function hasCountOrForEach(body: Body): boolean {
  return hasAttributeNamed(body, "count") || hasAttributeNamed(body, "for_each");
}

function keyedOutputs(instances: Extract<ChildInstances, { kind: "keyed" }>): Value {
  const entries = [...instances.children.entries()].map(([key, child]) => [key, child.outputsValue()] as const);
  if (instances.list) return entries.map(([, value]) => value);
  return Object.fromEntries(entries);
}
