/**
 * Records, for each Terraform root the loader evaluated, the texts its values can be made of
 * (Estate.rootTexts), so a rule looking for a string in values can skip a root none of whose
 * texts holds it without evaluating anything.
 */
import type { Estate } from "../model/estate.js";
import type { ModuleSource } from "../evaluate/module-loader.js";
import type { AssignedValue, RawAssignment } from "../evaluate/variable-sources.js";
import { Unknown, isObject, type Value } from "../model/value.js";

/**
 * Call once every root is evaluated (module instances are made eagerly). `outside` holds, per root,
 * the strings set from outside its module files (the texts of its variables' assignments, the workspace).
 */
export function recordRootTexts(
  estate: Estate,
  sources: readonly ModuleSource[],
  outside: ReadonlyMap<string, readonly string[]>,
): void {
  const byDirectory = new Map(sources.map((source) => [source.directory, source]));
  const directories = new Map<string, Set<string>>();
  for (const instance of estate.moduleInstances()) {
    if (!outside.has(instance.root)) continue;
    const set = directories.get(instance.root) ?? new Set<string>();
    set.add(instance.directory);
    directories.set(instance.root, set);
  }
  for (const [root, strings] of outside) {
    const files = [];
    const paths = [];
    let complete = true;
    for (const directory of directories.get(root) ?? [root]) {
      const source = byDirectory.get(directory);
      // A module instance whose files are not known (refused, missing) holds no values from files.
      if (!source) continue;
      files.push(...source.files.map(({ file }) => file));
      // path.module, path.root and path.cwd name these directories.
      paths.push(source.directory, source.absoluteDirectory);
      if (source.files.some(({ input }) => input !== "hcl" && input !== "terraform-json")) complete = false;
    }
    if (complete) estate.rootTexts.set(root, { files, strings: [...strings, ...paths] });
  }
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
      else if (known.kind === "choice") known.values.forEach(visit);
      else for (const part of known.parts) visit(part);
    }
  };
  visit(assignment.value);
  return strings;
}
