/**
 * Where a root module's variables get their values, in Terraform's precedence order (later wins):
 * `TF_VAR_name` environment variables, `terraform.tfvars`, `terraform.tfvars.json`,
 * `*.auto.tfvars(.json)` in lexical order, then `--var-file` and `--var` as given.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { MAX_NESTING, excessJsonNesting } from "../parsers/nesting-guard.js";
import { parseTree, type Node as JsonNode } from "jsonc-parser";
import { SourceFile, SourceRange, decodeSource } from "../source/source-file.js";
import { parseHcl, parseHclExpression } from "../parsers/hcl/parse.js";
import { TERRAFORM_TFVARS, displayPath, isAutoTfvarsName } from "../parsers/discover-files.js";
import { encryptedFileDiagnostic, isGitCryptFile, refusalDiagnostic } from "../source/read-source.js";
import { readRegularFile, type ReadBoundary, type Refusal } from "../source/read-boundary.js";
import type { ParseDiagnostic } from "../model/estate.js";
import type { TraceStep } from "../model/nodes.js";
import type { Value, ValueObject } from "../model/value.js";
import { ExpressionEvaluator, referenceOnlyScope } from "./expression.js";

/** A value given to a variable, and where it was given. */
export interface AssignedValue {
  value: Value;
  /** How the value was set, for traces: "default", "terraform.tfvars", "TF_VAR_x", `module "web" input`. */
  label: string;
  range?: SourceRange;
  /** How the assigned value itself was derived (a module input computed from the caller's variables). */
  readonly trace: readonly TraceStep[];
  /** The value is a variable's default, or derived from one. */
  usesDefault: boolean;
}

/**
 * A variables file every root module reads. One named on the command line (`--var-file`) is the
 * operator's own input, read wherever it is, as Terraform and TFLint read it (pipelines keep tfvars
 * in $RUNNER_TEMP or a secrets mount); one a configuration file names (`varFiles`) may come with the
 * code under review, so it stays inside the scan's boundary like every path in scanned content.
 */
export interface VariableFile {
  path: string;
  commandLine: boolean;
}

/** What the variables files set, read once for every root module of an estate. */
export interface VariableFileValues {
  values: ReadonlyMap<string, AssignedValue>;
  /** A file could not be read (refused, encrypted): what it sets is not known. */
  unreadable: boolean;
}

export interface VariableOptions {
  varFiles?: readonly VariableFile[];
  /** `--var name=value`, in the order given. */
  vars?: readonly string[];
  environment?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** Where variables files may be read from (symlinks resolved); everywhere when absent. */
  boundary?: ReadBoundary;
  /** The variables files in each directory discovery listed (see Discovery); others are listed here. */
  tfvarsNames?: ReadonlyMap<string, readonly string[]>;
}

/** Values that are raw strings on the command line or in TF_VAR_: parsed as HCL only for complex types. */
export type RawAssignment = { kind: "raw"; text: string; label: string };

export interface RootAssignments {
  values: Map<string, AssignedValue | RawAssignment>;
  diagnostics: ParseDiagnostic[];
  /** A variables file could not be read (encrypted): what it sets is not known. */
  unreadable?: boolean;
}

/** The `TF_VAR_` entries of an environment: copy them once per scan, not once per root module. */
export function terraformVariableEnvironment(
  environment: VariableOptions["environment"],
): Record<string, string> | undefined {
  if (!environment) return undefined;
  const variables: Record<string, string> = {};
  for (const [key, text] of Object.entries(environment)) {
    if (key.startsWith("TF_VAR_") && text !== undefined) variables[key] = text;
  }
  return variables;
}

/**
 * Reads `--var-file` and configured `varFiles` once for an estate: their values and problems are the
 * same for every root module, so a file not read is reported once, not once per root.
 */
export function readVariableFiles(options: VariableOptions, diagnostics: ParseDiagnostic[]): VariableFileValues {
  const values = new Map<string, AssignedValue>();
  const cwd = options.cwd ?? process.cwd();
  let unreadable = false;
  for (const file of options.varFiles ?? []) {
    const path = resolve(cwd, file.path);
    if (!existsSync(path)) {
      diagnostics.push({
        range: new SourceRange(new SourceFile(file.path, ""), 0, 0),
        summary: "Missing variable file",
        detail: `${file.commandLine ? "--var-file" : "varFiles"} ${file.path} does not exist.`,
      });
      continue;
    }
    const boundary = file.commandLine ? undefined : options.boundary;
    if (!readVariableFile(path, cwd, values, diagnostics, boundary)) unreadable = true;
  }
  return { values, unreadable };
}

export function rootVariableAssignments(
  absoluteDirectory: string,
  options: VariableOptions,
  /** The variables files' values, read once per estate; read here when not given. */
  variableFiles?: VariableFileValues,
): RootAssignments {
  const values = new Map<string, AssignedValue | RawAssignment>();
  const diagnostics: ParseDiagnostic[] = [];
  let unreadable = false;
  const cwd = options.cwd ?? process.cwd();
  for (const [key, text] of Object.entries(options.environment ?? {})) {
    if (key.startsWith("TF_VAR_") && text !== undefined) values.set(key.slice(7), { kind: "raw", text, label: key });
  }
  const automatic: string[] = [...TERRAFORM_TFVARS];
  let names = options.tfvarsNames?.get(absoluteDirectory);
  if (!names) {
    try {
      names = readdirSync(absoluteDirectory);
    } catch {
      names = undefined;
    }
  }
  if (names) automatic.push(...names.filter(isAutoTfvarsName).sort());
  for (const name of automatic) {
    // The listing answers for most roots, which have no variables file; a directory that cannot be listed may still be searched.
    if (names && !names.includes(name)) continue;
    const path = join(absoluteDirectory, name);
    if (existsSync(path) && !readVariableFile(path, cwd, values, diagnostics, options.boundary)) unreadable = true;
  }
  const given = variableFiles ?? readVariableFiles(options, diagnostics);
  for (const [name, assigned] of given.values) values.set(name, assigned);
  if (given.unreadable) unreadable = true;
  for (const assignment of options.vars ?? []) {
    const equals = assignment.indexOf("=");
    if (equals <= 0) continue;
    values.set(assignment.slice(0, equals).trim(), { kind: "raw", text: assignment.slice(equals + 1), label: "--var" });
  }
  return { values, diagnostics, ...(unreadable ? { unreadable } : {}) };
}

/** Reads a variables file into `values`; false when it cannot be read at all (encrypted, refused). */
function readVariableFile(
  path: string,
  cwd: string,
  values: { set(name: string, value: AssignedValue): unknown },
  diagnostics: ParseDiagnostic[],
  boundary: ReadBoundary | undefined,
): boolean {
  const shown = displayPath(path, cwd);
  const refuse = (refusal: Refusal) => {
    diagnostics.push(refusalDiagnostic(refusal, new SourceRange(new SourceFile(shown, "", path), 0, 0)));
    return false;
  };
  let bytes: Buffer;
  try {
    const resolution = boundary?.resolve(path, shown);
    if (resolution && "refusal" in resolution) return refuse(resolution.refusal);
    const read = readRegularFile(resolution && "real" in resolution ? resolution.real : path, shown);
    if ("refusal" in read) return refuse(read.refusal);
    bytes = read.bytes;
  } catch (error) {
    diagnostics.push({
      range: new SourceRange(new SourceFile(shown, "", path), 0, 0),
      summary: "Unreadable file",
      detail: `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    });
    return false;
  }
  if (isGitCryptFile(bytes)) {
    diagnostics.push(encryptedFileDiagnostic(new SourceFile(displayPath(path, cwd), "", path)));
    return false;
  }
  const decoded = decodeSource(bytes);
  const file = new SourceFile(displayPath(path, cwd), decoded.text, path, decoded.bomBytes, decoded.ascii);
  const label = file.path;
  if (path.endsWith(".json")) {
    const errors: { offset: number; length: number; error: number }[] = [];
    const tooDeep = excessJsonNesting(decoded.text);
    if (tooDeep !== undefined) {
      diagnostics.push({
        range: new SourceRange(file, tooDeep, tooDeep + 1),
        summary: "Nesting too deep",
        detail: `Expected at most ${MAX_NESTING} levels of nested arrays and objects.`,
      });
      return false;
    }
    const tree = parseTree(decoded.text, errors, { allowTrailingComma: false });
    if (errors.length || tree?.type !== "object") {
      const at = errors[0]?.offset ?? 0;
      diagnostics.push({
        range: new SourceRange(file, at, at + 1),
        summary: "Invalid variables file",
        detail: "Expected a JSON object of variable values.",
      });
      return true;
    }
    for (const property of tree.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      values.set(String(keyNode.value), {
        value: jsonValue(valueNode),
        label,
        range: new SourceRange(file, property.offset, property.offset + property.length),
        trace: [],
        usesDefault: false,
      });
    }
    return true;
  }
  const parsed = parseHcl(file);
  for (const diagnostic of parsed.diagnostics)
    diagnostics.push({
      range: new SourceRange(file, diagnostic.start, diagnostic.end),
      summary: diagnostic.summary,
      detail: diagnostic.detail,
    });
  const evaluator = new ExpressionEvaluator(referenceOnlyScope({ directory: "", address: "", root: "" }), file.text);
  for (const attribute of parsed.body.attributes) {
    values.set(attribute.name, {
      value: evaluator.evaluate(attribute.expression),
      label,
      range: new SourceRange(file, attribute.start, attribute.end),
      trace: [],
      usesDefault: false,
    });
  }
  return true;
}

function jsonValue(node: JsonNode): Value {
  switch (node.type) {
    case "object": {
      const result: ValueObject = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode && valueNode) result[String(keyNode.value)] = jsonValue(valueNode);
      }
      return result;
    }
    case "array":
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value as Value;
  }
}

/** A raw command-line or environment value: a string for primitive types, HCL for complex ones. */
export function resolveRawAssignment(raw: RawAssignment, complexType: boolean): AssignedValue {
  if (!complexType) return { value: raw.text, label: raw.label, trace: [], usesDefault: false };
  const file = new SourceFile(raw.label, raw.text);
  const { expression, diagnostics } = parseHclExpression(file, 0, raw.text.length);
  const value = diagnostics.length
    ? raw.text
    : new ExpressionEvaluator(referenceOnlyScope({ directory: "", address: "", root: "" }), raw.text).evaluate(
        expression,
      );
  return { value, label: raw.label, trace: [], usesDefault: false };
}
