/**
 * `templatefile(path, vars)`: the file, read from the scan, parsed as a template and evaluated with
 * only the variables given (Terraform gives templates no access to var., local. or resources).
 */
import { parseHclTemplate } from "../parsers/hcl/parse.js";
import { SourceFile } from "../source/source-file.js";
import { isObject, isUnknown, Unknown, type Value } from "../model/value.js";
import { ExpressionEvaluator, getPath } from "./expression.js";
import { fail } from "./functions/errors.js";

export function renderTemplateFile(
  path: string,
  text: string,
  variables: Value,
  call: (name: string, args: Value[]) => Value | undefined,
): Value {
  if (!isObject(variables) && !isUnknown(variables)) return fail("templatefile: the variables must be an object");
  const file = new SourceFile(path, text);
  const { expression, diagnostics } = parseHclTemplate(file, 0, text.length);
  if (diagnostics.length) return fail(`templatefile: ${path}: ${diagnostics[0].summary}: ${diagnostics[0].detail}`);
  const evaluator = new ExpressionEvaluator(
    {
      resolve: (root, steps, source) =>
        isUnknown(variables)
          ? new Unknown(`${source} (the variables given are not known)`, variables.references)
          : Object.hasOwn(variables, root)
            ? getPath(variables[root], steps, source)
            : fail(`templatefile: ${path}: no variable named "${root}"`),
      call,
    },
    text,
  );
  return evaluator.evaluate(expression);
}
