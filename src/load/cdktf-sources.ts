/**
 * CDKTF in the estate. TypeScript stacks are read statically (parsers/cdktf) and evaluated as
 * root modules. Synthesized `cdk.tf.json` is read as Terraform JSON; when its project's source
 * is known, each construct is reported at the TypeScript that declares it, with the JSON as a
 * related location, and appears once however many forms the scan holds.
 */
import { dirname, join } from "node:path";
import type { Estate } from "../model/estate.js";
import { ResourceNode, BlockNode } from "../model/nodes.js";
import { contentAt } from "./overlay-positions.js";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import { EvaluationBudget } from "../evaluate/budget.js";
import { readSourceFile } from "../source/read-source.js";
import { deepestCommonDirectory, displayPath } from "../parsers/discover-files.js";
import { readCdktf, type CdktfCall, type CdktfModule } from "../parsers/cdktf/read-cdktf.js";
import type { Guard } from "../parsers/cdktf/construct-scope.js";
import { cdktfProjectOf, cdktfProjectSources, importedModules, workspacePackages } from "../parsers/cdktf/project.js";
import { ModuleEvaluator } from "../evaluate/module-evaluator.js";
import type { ModuleLoader } from "../evaluate/module-loader.js";

/**
 * Reads the scanned CDKTF TypeScript, and the source of CDKTF projects whose synthesized JSON was
 * scanned. Returns the files read only to place JSON findings (not scanned themselves).
 */
export function addCdktfSources(
  estate: Estate,
  loader: ModuleLoader,
  scanned: readonly string[],
  synthesized: readonly string[],
  cwd: string,
): Set<SourceFile> {
  const placementOnly = new Set<string>();
  // The project that synthesized a scanned cdktf.out may be read for placement, even above the scanned path.
  const projects = new Set<string>();
  for (const path of synthesized) {
    const project = cdktfProjectOf(dirname(path));
    if (project && path.startsWith(join(project, "cdktf.out"))) projects.add(project);
  }
  const boundary = projects.size ? loader.boundary.including(projects) : loader.boundary;
  for (const project of projects)
    for (const source of cdktfProjectSources(project, boundary))
      if (!scanned.includes(source)) placementOnly.add(source);
  const paths = [...new Set([...scanned, ...placementOnly])];
  const files = paths
    .map((path) => readSourceFile(estate, path, displayPath(path, cwd), boundary))
    .filter((file): file is SourceFile => !!file);
  if (!files.length) return new Set();
  const within = commonDirectory(paths);
  const workspace = workspacePackages(within);
  const context = importedModules(paths, within, workspace, boundary)
    .filter((path) => !paths.includes(path))
    .map((path) => readSourceFile({ diagnostics: [] }, path, displayPath(path, cwd), boundary))
    .filter((file): file is SourceFile => !!file);
  const read = readCdktf(files, context, workspace);
  for (const file of files) {
    if (!placementOnly.has(file.absolutePath))
      estate.files.push({ file, comments: read.comments.get(file) ?? [], commentPrefixes: ["//"] });
  }
  for (const diagnostic of read.diagnostics) {
    if (!placementOnly.has(diagnostic.file.absolutePath))
      estate.diagnostics.push({
        range: new SourceRange(diagnostic.file, diagnostic.start, diagnostic.end),
        summary: diagnostic.summary,
        detail: diagnostic.detail,
      });
  }
  for (const { file, start } of read.libraryInstantiations)
    if (!placementOnly.has(file.absolutePath)) estate.packageConstructs.add(`${file.path}:${start}`);
  for (const module of read.modules) {
    const source = {
      directory: module.label,
      absoluteDirectory: module.absoluteDirectory,
      files: module.files.map(({ hcl, constructPaths }) => ({
        file: hcl.file,
        parsed: hcl,
        input: "cdktf" as const,
        constructPaths,
      })),
    };
    const [resourcesBefore, dataSourcesBefore] = [estate.resources.length, estate.dataSources.length];
    new ModuleEvaluator(
      { estate, loader, budget: new EvaluationBudget() },
      source,
      estate.module(module.label, "", module.label),
      new Map(),
      0,
      [],
    ).run();
    const made = [...estate.resources.slice(resourcesBefore), ...estate.dataSources.slice(dataSourcesBefore)];
    addConstructOrigins(module, made);
    const project = cdktfProjectOf(module.absoluteDirectory);
    for (const resource of made) projectOfConstruct.set(resource, project);
  }
  return new Set(files.filter((file) => placementOnly.has(file.absolutePath)));
}

/** The CDKTF project (directory of cdktf.json) of the stack each construct read from TypeScript belongs to. */
const projectOfConstruct = new WeakMap<ResourceNode, string | undefined>();

/**
 * Each synthesized resource whose construct the TypeScript declares takes the TypeScript's
 * positions; the TypeScript form is then dropped, so the construct is checked once, on the
 * synthesized values (which hold everything synthesis resolved). TypeScript read only for
 * placement never adds resources of its own.
 */
export function mergeCdktfSynthWithSource(estate: Estate, placementOnly: ReadonlySet<SourceFile>): void {
  const written = new Map<string, ResourceNode[]>();
  const add = (key: string, resource: ResourceNode) => written.set(key, [...(written.get(key) ?? []), resource]);
  for (const resource of [...estate.resources, ...estate.dataSources]) {
    if (resource.input !== "cdktf" || !resource.constructPath) continue;
    const kind = `${projectOfConstruct.get(resource) ?? ""}\u0000${resource.mode}\u0000${resource.resourceType}`;
    add(`${kind}\u0000${resource.constructPath}`, resource);
    add(`${kind}\u0000#${resource.constructPath.split("/").pop()}`, resource);
  }
  if (!written.size) return;
  const replaced = new Set<ResourceNode>();
  const merged = new Map<ResourceNode, ResourceNode>();
  for (const synthesized of [...estate.resources, ...estate.dataSources]) {
    if (synthesized.input !== "terraform-json" || !synthesized.constructPath) continue;
    // A synthesis belongs to the project whose cdktf.out holds it, and only to that project's TypeScript.
    const project = cdktfProjectOf(dirname(synthesized.range.file.absolutePath)) ?? "";
    const kind = `${project}\u0000${synthesized.mode}\u0000${synthesized.resourceType}`;
    const [, ...below] = synthesized.constructPath.split("/");
    // The same construct path; else, where the TypeScript does not say which stack, the same path
    // below the stack; else the only construct of that type with that id. One construct may be
    // written in alternative ways (one address): the synthesis made one of them, placed at the first.
    const candidates = [
      written.get(`${kind}\u0000${synthesized.constructPath}`),
      written.get(`${kind}\u0000*/${below.join("/")}`),
      written.get(`${kind}\u0000#${below[below.length - 1]}`),
    ].find((found) => found?.length && found.every((resource) => resource.address === found[0].address));
    if (!candidates || replaced.has(candidates[0])) continue;
    const [source] = candidates;
    for (const alternative of candidates) replaced.add(alternative);
    const block = new BlockNode(
      source.type,
      source.labels,
      () => ({ range: source.range, headerRange: source.headerRange }),
      () => contentAt(synthesized, source),
    );
    const resource = new ResourceNode(
      synthesized.mode,
      synthesized.resourceType,
      synthesized.name,
      synthesized.module,
      "cdktf",
      block,
      synthesized.instanceKey,
    );
    resource.constructPath = synthesized.constructPath;
    resource.addRelatedRange(synthesized.headerRange);
    resource.addOrigins(...source.origins);
    merged.set(synthesized, resource);
  }
  const keep = (list: ResourceNode[]) =>
    list
      .filter((resource) => !replaced.has(resource) && !placementOnly.has(resource.range.file))
      .map((resource) => merged.get(resource) ?? resource);
  estate.resources.splice(0, estate.resources.length, ...keep(estate.resources));
  estate.dataSources.splice(0, estate.dataSources.length, ...keep(estate.dataSources));
  estate.invalidateIndexes();
}

/**
 * What the TypeScript says of each construct that its Terraform form does not: the instantiations
 * and calls that make it (related locations), what its existence depends on when iflint cannot
 * decide it, and the other ways the same construct may be made instead (alternatives: one id, at
 * most one construct).
 */
function addConstructOrigins(module: CdktfModule, resources: readonly ResourceNode[]): void {
  const facts = new Map<string, { madeBy?: CdktfCall[]; guard?: Guard }>();
  for (const { hcl, madeBy, guards } of module.files)
    for (const block of hcl.body.blocks) {
      const made = madeBy.get(block);
      const guard = guards.get(block);
      if (made || guard)
        facts.set(blockKey(hcl.file, block.typeSpan.start, block.labels[0]?.value, block.labels[1]?.value), {
          madeBy: made,
          guard,
        });
    }
  const byAddress = new Map<string, ResourceNode[]>();
  for (const resource of resources) {
    byAddress.set(resource.address, [...(byAddress.get(resource.address) ?? []), resource]);
    const header = resource.headerRange;
    const found = facts.get(blockKey(header.file, header.startOffset, resource.resourceType, resource.name));
    for (const { file, start, end, text } of found?.madeBy ?? [])
      resource.addOrigins({
        range: new SourceRange(file, start, end),
        message: `${resource.address} is made by ${text}`,
      });
    if (found?.guard && resource.existence === "unknown") {
      const { file, start, end, code } = found.guard;
      const line = new SourceRange(file, start, end).start.line;
      resource.existenceReason = `the construct is made, which depends on TypeScript iflint cannot decide: \`${code}\` (${file.path}:${line})`;
    }
  }
  for (const alternatives of byAddress.values()) {
    if (alternatives.length < 2) continue;
    for (const resource of alternatives)
      for (const other of alternatives)
        if (other !== resource)
          resource.addOrigins({
            range: other.headerRange,
            message: `${resource.address} may be made here instead (one id, so CDKTF makes at most one of them)`,
          });
  }
}

function blockKey(file: SourceFile, start: number, type: string | undefined, name: string | undefined): string {
  return `${file.absolutePath}\u0000${start}\u0000${type}\u0000${name}`;
}

/** The deepest directory holding all the paths: imports are followed only inside it (or its CDKTF project). */
function commonDirectory(paths: readonly string[]): string {
  return deepestCommonDirectory(paths.map((path) => cdktfProjectOf(dirname(path)) ?? dirname(path)));
}
