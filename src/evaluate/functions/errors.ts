/** A function call Terraform would reject: the value is unknown, and the reason says why. */
import { Unknown, isUnknown, type Value } from "../../model/value.js";
import type { SourceRange } from "../../source/source-file.js";

export class EvaluationError extends Unknown {
  readonly error = true;
}

/**
 * `file()` or `templatefile()` of a path with no file in the scan (often a build output that is not
 * committed): Terraform would fail, and what the file holds is unknown. `site` is the call.
 */
export class MissingFileError extends EvaluationError {
  constructor(
    reason: string,
    readonly path: string,
    readonly site: SourceRange,
  ) {
    super(reason);
  }
}

/** The warning for a missing file, at the call that reads it. */
export function missingFileDiagnostic(error: MissingFileError): {
  range: SourceRange;
  summary: string;
  detail: string;
  kind: "file-not-found";
} {
  return {
    range: error.site,
    summary: "File not found",
    detail: `${error.reason} (a build output not committed?); Terraform would fail here, and the values made from it are unknown, so findings that depend on them are not reported.`,
    kind: "file-not-found",
  };
}

export function fail(message: string): EvaluationError {
  return new EvaluationError(message);
}

export function isEvaluationError(value: Value): value is EvaluationError {
  return value instanceof EvaluationError;
}

/** The first unknown among the arguments (deep), if any: most functions return it unchanged. */
export function firstUnknown(values: readonly Value[]): Value | undefined {
  for (const value of values) {
    if (isUnknown(value)) return value;
    if (Array.isArray(value)) {
      const inner = firstUnknown(value);
      if (inner) return inner;
    } else if (value && typeof value === "object") {
      const inner = firstUnknown(Object.values(value));
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The first error in a value or the lists and objects it is built of (a few levels deep), if any. */
export function firstEvaluationError(value: Value, depth = 3): EvaluationError | undefined {
  if (value instanceof EvaluationError) return value;
  if (depth === 0 || value === null || typeof value !== "object" || isUnknown(value)) return undefined;
  // Every evaluation is searched: walked in place, without a list of the values made for it.
  if (Array.isArray(value)) {
    for (const inner of value) {
      const error = firstEvaluationError(inner, depth - 1);
      if (error) return error;
    }
    return undefined;
  }
  for (const key in value) {
    const error = firstEvaluationError(value[key], depth - 1);
    if (error) return error;
  }
  return undefined;
}
