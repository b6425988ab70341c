/**
 * Root modules that Terragrunt deploys. Their variables are set by Terragrunt `inputs` (often from
 * other stacks' outputs), not by tfvars, so a variable's default is not what will be deployed: such
 * variables are evaluated as unknown rather than as their defaults. Found with a pattern over the
 * `terraform { source = ... }` of `.hcl` files in the scan; Terragrunt itself is never run.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, resolve, sep } from "node:path";
import type { DiscoveredFile } from "../parsers/discover-files.js";
import { parseHcl } from "../parsers/hcl/parse.js";
import { SourceFile } from "../source/source-file.js";
import { ExpressionEvaluator, referenceOnlyScope } from "../evaluate/expression.js";
import { containsUnknown, isObject, type Value } from "../model/value.js";

const SOURCE = /^\s*source\s*=\s*"([^"\n]+)"/gm;

/** Where a Terragrunt source points: an absolute directory, or a path suffix when it starts from a Terragrunt function. */
export interface TerragruntTarget {
  directory?: string;
  suffix?: string;
  /**
   * The configuration's `inputs`, by variable: a value when it is written out in full, `known: false`
   * when it comes from dependencies, locals or functions. Plain data, so workers can receive it.
   */
  inputs?: Record<string, { known: true; value: Value } | { known: false }>;
}

export function terragruntTargets(files: readonly DiscoveredFile[]): TerragruntTarget[] {
  const targets: TerragruntTarget[] = [];
  for (const file of files) {
    if (file.kind !== "terragrunt") continue;
    let text: string;
    try {
      text = readFileSync(file.absolutePath, "utf8");
    } catch {
      continue;
    }
    let named = false;
    const inputs = literalInputs(file, text);
    for (const match of text.matchAll(SOURCE)) {
      named = true;
      const target = localTarget(match[1], dirname(file.absolutePath));
      if (target) targets.push({ ...target, inputs });
    }
    // A terragrunt.hcl with no source runs the Terraform files beside it.
    if (!named && basename(file.absolutePath) === "terragrunt.hcl")
      targets.push({ directory: dirname(file.absolutePath), inputs });
  }
  return targets;
}

/**
 * The `inputs = { ... }` a configuration gives, each known only when written out in full: Terragrunt
 * functions, locals and dependency outputs are never evaluated (Terragrunt is never run).
 */
function literalInputs(file: DiscoveredFile, text: string): TerragruntTarget["inputs"] {
  // Most .hcl files set none (Packer's, included configurations): not parsed.
  if (!text.includes("inputs")) return undefined;
  const parsed = parseHcl(new SourceFile(file.displayPath, text, file.absolutePath));
  const attribute = parsed.body.attributes.find((candidate) => candidate.name === "inputs");
  if (!attribute || parsed.diagnostics.length) return undefined;
  const value = new ExpressionEvaluator(referenceOnlyScope({ directory: "", address: "", root: "" }), text).evaluate(
    attribute.expression,
  );
  if (!isObject(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name,
      containsUnknown(item) ? { known: false } : { known: true, value: item },
    ]),
  );
}

/** `../../modules//app?ref=x` or `${get_repo_root()}/infra//src/app`; remote sources are not local roots. */
function localTarget(source: string, from: string): TerragruntTarget | undefined {
  if (/^(git::|git@|github\.com|bitbucket\.org|tfr:|s3::|gcs::|https?:|hg::|registry\.)/.test(source)) return undefined;
  const path = source.replace(/\?.*$/, "").replace(/(?<!:)\/\/+/g, "/");
  if (path.startsWith("./") || path.startsWith("../")) return { directory: resolve(from, path) };
  // After a Terragrunt function (get_repo_root(), get_parent_terragrunt_dir()), match by the path that follows.
  const interpolation = path.lastIndexOf("}");
  const rest = (interpolation >= 0 ? path.slice(interpolation + 1) : path).replace(/^\/+|\/+$/g, "");
  return rest && !rest.includes("${") ? { suffix: rest.split("/").join(sep) } : undefined;
}

/**
 * The Terragrunt configurations deploying a directory, looked up by the directory itself and by
 * each of its path suffixes: linear in the number of roots, not roots × configurations.
 */
export function terragruntDeployers(
  targets: readonly TerragruntTarget[],
): (absoluteDirectory: string) => TerragruntTarget[] {
  const byDirectory = new Map<string, TerragruntTarget[]>();
  const bySuffix = new Map<string, TerragruntTarget[]>();
  const order = new Map(targets.map((target, index) => [target, index]));
  for (const target of targets) {
    const [index, key] = target.directory !== undefined ? [byDirectory, target.directory] : [bySuffix, target.suffix];
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(target);
    else index.set(key, [target]);
  }
  return (absoluteDirectory) => {
    const found = [...(byDirectory.get(absoluteDirectory) ?? [])];
    if (bySuffix.size) {
      const segments = absoluteDirectory.split(sep);
      for (let start = 1; start < segments.length; start++) {
        found.push(...(bySuffix.get(segments.slice(start).join(sep)) ?? []));
      }
    }
    // In the order the configurations were found, as before.
    return found.length > 1 ? found.sort((a, b) => order.get(a)! - order.get(b)!) : found;
  };
}
