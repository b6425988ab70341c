/**
 * Terraform's built-in functions. An unknown argument makes the result unknown (keeping its
 * resource references), except where Terraform knows the answer anyway (the length of a list
 * whose elements are unknown). Errors become `EvaluationError` unknowns. Unknown names, and
 * provider-defined functions, are not evaluated.
 */
import { isObject, isUnknown, type Value } from "../../model/value.js";
import { unknownFrom } from "../expression.js";
import { collectionFunctions } from "./collections.js";
import { stringFunctions } from "./strings.js";
import { encodingFunctions } from "./encoding.js";
import { cidrhost, cidrnetmask, cidrsubnet, cidrsubnets } from "./network.js";
import { fail, firstUnknown, isEvaluationError } from "./errors.js";
import { toStringValue } from "./convert.js";
import type { FunctionContext, FunctionTable } from "./table.js";

export type { FunctionContext } from "./table.js";

const fileFunctions: FunctionTable = {
  file: {
    call: ([path], context) => {
      const name = String(toStringValue(path));
      return (
        context.readFile?.(name) ??
        context.missingFile?.("file", name) ??
        fail(`file: ${String(path)} cannot be read from the scan`)
      );
    },
  },
  fileexists: { call: ([path], context) => context.readFile?.(String(toStringValue(path))) !== undefined },
  fileset: {
    call: ([path, pattern], context) =>
      context.listFiles?.(String(toStringValue(path)), String(toStringValue(pattern))) ??
      fail(`fileset: ${String(path)} cannot be listed from the scan`),
  },
  // Variables that are unknown make only the parts of the template that use them unknown; with the
  // variables object itself unknown (a merge of computed maps), every interpolation is, but the
  // template's text is still known, and a missing file is still missing.
  templatefile: {
    handlesUnknown: true,
    call: ([path, variables], context) => {
      if (isUnknown(path)) return unknownFrom("templatefile(...)", [path, variables]);
      if (isEvaluationError(variables)) return variables;
      const name = String(toStringValue(path));
      return (
        context.renderTemplate?.(name, variables) ??
        context.missingFile?.("templatefile", name) ??
        fail(`templatefile: ${String(path)} cannot be read from the scan`)
      );
    },
  },
};

const metaFunctions: FunctionTable = {
  // Sensitivity changes how Terraform shows a value, not the value.
  sensitive: { shallow: true, call: ([value]) => value },
  nonsensitive: { shallow: true, call: ([value]) => value },
  // try and can receive evaluated arguments: an error is an EvaluationError, anything else a value.
  // An error anywhere inside an argument (`[var.m["missing"]]`) fails the whole argument, as in Terraform.
  try: {
    handlesUnknown: true,
    call: (args) => {
      for (const arg of args) {
        if (containsEvaluationError(arg)) continue;
        return arg;
      }
      return fail("try: no argument could be evaluated without errors");
    },
  },
  can: { handlesUnknown: true, call: ([arg]) => (containsEvaluationError(arg) ? false : isUnknown(arg) ? arg : true) },
};

function containsEvaluationError(value: Value): boolean {
  if (isEvaluationError(value)) return true;
  if (Array.isArray(value)) return value.some(containsEvaluationError);
  return isObject(value) && Object.values(value).some(containsEvaluationError);
}

const TABLE: FunctionTable = {
  ...collectionFunctions,
  ...stringFunctions,
  ...encodingFunctions,
  ...fileFunctions,
  ...metaFunctions,
  cidrsubnet: { call: ([prefix, newbits, netnum]) => cidrsubnet(prefix, newbits, netnum) },
  cidrsubnets: { call: ([prefix, ...newbits]) => cidrsubnets(prefix, ...newbits) },
  cidrhost: { call: ([prefix, hostnum]) => cidrhost(prefix, hostnum) },
  cidrnetmask: { call: ([prefix]) => cidrnetmask(prefix) },
};

export function isKnownFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(TABLE, name);
}

export function callFunction(name: string, args: Value[], context: FunctionContext = {}): Value | undefined {
  if (!isKnownFunction(name)) return undefined;
  const fn = TABLE[name];
  const unknown = fn.handlesUnknown ? undefined : fn.shallow ? args.find(isUnknown) : firstUnknown(args);
  // An argument that failed (past a budget, a bad index) makes the call fail too, as in Terraform.
  if (unknown !== undefined) return isEvaluationError(unknown) ? unknown : unknownFrom(`${name}(...)`, args);
  try {
    return fn.call(args, context);
  } catch (error) {
    return fail(`${name}: ${(error as Error).message}`);
  }
}
