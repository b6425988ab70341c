/**
 * Records, for each Terraform root the loader evaluated, the texts its values can be made of
 * (Estate.rootTexts), so a rule looking for a string in values can skip a root none of whose
 * texts holds it without evaluating its attributes.
 */
import type { Estate } from "../model/estate.js";
import type { SourceFile } from "../source/source-file.js";
import type { ModuleLoader } from "../evaluate/module-loader.js";
import { LOCAL_FILE_DATA, type ModuleEvaluator } from "../evaluate/module-evaluator.js";
import type { AssignedValue, RawAssignment } from "../evaluate/variable-sources.js";
import { visitExpressions, type Body, type Expression } from "../parsers/hcl/ast.js";
import { attributeNamed, hasAttributeNamed } from "../parsers/hcl/packed-attributes.js";
import { Unknown, isObject, type Value } from "../model/value.js";
import { inPhase } from "../source/phase-clock.js";
import { EvaluationError } from "../evaluate/functions/errors.js";

/** What the loader knows of one evaluated root. */
export interface EvaluatedRoot {
  /** The strings set from outside its module files (its variables' assignments, the workspace). */
  strings: readonly string[];
  /** Its module instances, the root's own first. */
  instances: readonly ModuleEvaluator[];
}

/** Call once every root is evaluated (module instances are made eagerly). */
export function recordRootTexts(estate: Estate, loader: ModuleLoader, roots: ReadonlyMap<string, EvaluatedRoot>): void {
  for (const [root, { strings, instances }] of roots) {
    const sources = [...new Set(instances.map((instance) => instance.source))];
    // Only Terraform's own files: values from CDKTF TypeScript are not in their text.
    if (sources.some((source) => source.files.some(({ input }) => input !== "hcl" && input !== "terraform-json")))
      continue;
    let read: readonly string[] | undefined | null = null;
    estate.rootTexts.set(root, {
      files: sources.flatMap((source) => source.files.map(({ file }) => file)),
      // path.module, path.root and path.cwd name these directories.
      strings: [...strings, ...sources.flatMap((source) => [source.directory, source.absoluteDirectory])],
      filesRead: () => (read === null ? (read = filesReadOrOpen(loader, root, instances)) : read),
    });
  }
}

/** filesRead, or undefined (evaluate the root as before) if evaluating a path fails unexpectedly. */
function filesReadOrOpen(loader: ModuleLoader, root: string, instances: readonly ModuleEvaluator[]) {
  try {
    return filesRead(loader, root, instances);
  } catch {
    return undefined;
  }
}

/** Functions whose result holds a file's text (`filemd5` and the like hold only a digest). */
const CONTENT_READERS = new Set(["file", "filebase64", "templatefile"]);
/**
 * True when a text may call a function reading files (`file`, `filebase64`, `templatefile`,
 * `fileset`: the name, then trivia before the parenthesis) or declare a local_file, or writes a name
 * with escapes: only its syntax tree can tell. One search for "file" (a comment often has it), then
 * a look at what follows each: a regular expression spent 70 ms of the rule phase on 35 MB.
 */
function mayRead(text: string): boolean {
  if (text.includes("\\u") || text.includes("\\U")) return true;
  for (let at = text.indexOf("file"); at !== -1; at = text.indexOf("file", at + 4)) {
    if (text.endsWith("local_", at) || text.endsWith("local_sensitive_", at)) return true;
    let next = at + 4;
    if (text.startsWith("base64", next)) next += 6;
    else if (text.startsWith("set", next)) next += 3;
    while (next < text.length && /\s/.test(text[next])) next++;
    const after = text[next];
    if (after === "(" || after === "#" || after === "/") return true;
  }
  return false;
}

/** Roots an argument giving a path may use to be evaluated outside the call's own scope (no each, count, for or iterator). */
const MODULE_SCOPE = new Set(["var", "local", "path", "module", "data", "terraform"]);

/**
 * The texts the root's file functions and local_file data sources read: each path is evaluated
 * alone in its module instance and the file read as evaluation would read it. Undefined when a path
 * depends on an iteration, is not a known string, or is refused (evaluation then reports why), when
 * `fileset` lists names, or when a read file may itself read others (a template calling `file`).
 */
function filesRead(loader: ModuleLoader, root: string, instances: readonly ModuleEvaluator[]): string[] | undefined {
  const texts: string[] = [];
  // Instances of one module read the same paths: each is read, judged and kept once per root.
  const read = new Set<string>();
  const directory = loader.rootDirectory(root);
  for (const instance of instances) {
    for (const { file, parsed, input } of instance.source.files) {
      // A module's files serve each of its instances: looked at once.
      let paths = readsOfFile.get(file);
      if (paths === undefined)
        readsOfFile.set(
          file,
          (paths = mayRead(file.text) ? pathsRead(parsed.body, input === "hcl" ? file.text : undefined) : NO_READS),
        );
      if (!paths) return undefined;
      for (const path of paths) {
        if (!inModuleScope(path)) return undefined;
        const value = inPhase("evaluation", () => instance.evaluate(path, file).value);
        // A path Terraform would reject (a missing key) reads nothing.
        if (value instanceof EvaluationError) continue;
        const candidates = possibleStrings(value);
        if (!candidates) return undefined;
        for (const candidate of candidates) {
          if (read.has(candidate)) continue;
          read.add(candidate);
          const text = loader.readFileUnder(directory, candidate);
          // Missing: evaluation reads nothing either. Refused: let evaluation report it.
          if (text === undefined) continue;
          if (typeof text !== "string" || mayRead(text)) return undefined;
          texts.push(text);
        }
      }
    }
  }
  return texts;
}

/** The path expressions of each file's reads (null: a read whose path cannot be had). */
const readsOfFile = new WeakMap<SourceFile, readonly Expression[] | null>();
/** What most files read: one list for all of them. */
const NO_READS: readonly Expression[] = [];

/** The strings a value may be: itself, or each result of a conditional not decided; undefined when not all are strings. */
function possibleStrings(value: Value): string[] | undefined {
  if (typeof value === "string") return [value];
  if (!(value instanceof Unknown) || value.known?.kind !== "choice") return undefined;
  const strings: string[] = [];
  for (const choice of value.known.values) {
    const inner = possibleStrings(choice);
    if (!inner) return undefined;
    strings.push(...inner);
  }
  return strings;
}

/**
 * The path expressions of a body's file reads, or null for a read whose path cannot be had. Given
 * the HCL text the body was parsed from, only attributes whose text holds "file" (a function name
 * has no escapes in HCL) are parsed and walked: the others cannot call a file function.
 */
function pathsRead(body: Body, text?: string): Expression[] | null {
  const paths: Expression[] = [];
  let unknown = false;
  const mentions = text === undefined ? undefined : fileMentions(text);
  const visitBody = (inner: Body) => {
    for (const attribute of inner.attributes) {
      if (mentions && !mentionedWithin(mentions, attribute.start, attribute.end)) continue;
      visitExpressions(attribute.expression, (node) => {
        if (node.kind !== "FunctionCall") return;
        if (node.name === "fileset") unknown = true;
        else if (CONTENT_READERS.has(node.name)) {
          if (!node.args.length || node.expandFinal) unknown = true;
          else paths.push(node.args[0]);
        }
      });
    }
    for (const block of inner.blocks) visitBody(block.body);
  };
  visitBody(body);
  for (const block of body.blocks) {
    // A local_file data source reads its filename, unless count or for_each repeats it (then it is not read).
    if (block.type !== "data" || !LOCAL_FILE_DATA.has(block.labels[0]?.value ?? "")) continue;
    if (hasAttributeNamed(block.body, "count") || hasAttributeNamed(block.body, "for_each")) continue;
    const filename = attributeNamed(block.body, "filename");
    if (filename) paths.push(filename.expression);
  }
  return unknown ? null : paths;
}

/** Offsets of "file" in a text, in order. */
function fileMentions(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf("file"); at !== -1; at = text.indexOf("file", at + 4)) offsets.push(at);
  return offsets;
}

/** True when some offset lies in [start, end). */
function mentionedWithin(offsets: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < start) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && offsets[low] < end;
}

/** True when an expression names nothing an iteration defines (each, count, a for or iterator symbol, self). */
function inModuleScope(expression: Expression): boolean {
  let inScope = true;
  visitExpressions(expression, (node) => {
    if ((node.kind === "Variable" && !MODULE_SCOPE.has(node.name)) || node.kind === "For") inScope = false;
  });
  return inScope;
}

/**
 * Every string an assignment holds, object keys and the known parts of unknown values included;
 * undefined for one not yet evaluated.
 */
export function assignmentStrings(
  assignment: AssignedValue | RawAssignment | (() => AssignedValue),
): string[] | undefined {
  if (typeof assignment === "function") return undefined;
  if ("kind" in assignment) return [assignment.text];
  const strings: string[] = [];
  const visit = (value: Value): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value))
      for (const [key, item] of Object.entries(value)) {
        strings.push(key);
        visit(item);
      }
    else if (value instanceof Unknown && value.known) {
      const known = value.known;
      if (known.kind === "json") visit(known.value);
      else if (known.kind === "choice" || known.kind === "values") known.values.forEach(visit);
      else for (const part of known.parts) visit(part);
    }
  };
  visit(assignment.value);
  return strings;
}
