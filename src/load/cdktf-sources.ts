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
import { readCdktf } from "../parsers/cdktf/read-cdktf.js";
import { cdktfProjectOf, cdktfProjectSources, importedModules } from "../parsers/cdktf/project.js";
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
  const context = importedModules(paths, commonDirectory(paths), boundary)
    .filter((path) => !paths.includes(path))
    .map((path) => readSourceFile({ diagnostics: [] }, path, displayPath(path, cwd), boundary))
    .filter((file): file is SourceFile => !!file);
  const read = readCdktf(files, context);
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
  for (const module of read.modules) {
    const source = {
      directory: module.label,
      absoluteDirectory: dirname(module.hcl.file.absolutePath),
      files: [
        { file: module.hcl.file, parsed: module.hcl, input: "cdktf" as const, constructPaths: module.constructIds },
      ],
    };
    new ModuleEvaluator(
      { estate, loader, budget: new EvaluationBudget() },
      source,
      estate.module(module.label, "", module.label),
      new Map(),
      0,
      [],
    ).run();
  }
  return new Set(files.filter((file) => placementOnly.has(file.absolutePath)));
}

/**
 * Each synthesized resource whose construct the TypeScript declares takes the TypeScript's
 * positions; the TypeScript form is then dropped, so the construct is checked once, on the
 * synthesized values (which hold everything synthesis resolved). TypeScript read only for
 * placement never adds resources of its own.
 */
export function mergeCdktfSynthWithSource(estate: Estate, placementOnly: ReadonlySet<SourceFile>): void {
  const written = new Map<string, ResourceNode[]>();
  for (const resource of [...estate.resources, ...estate.dataSources]) {
    if (resource.input !== "cdktf" || !resource.constructPath) continue;
    const key = `${resource.mode}\u0000${resource.resourceType}\u0000${resource.constructPath}`;
    written.set(key, [...(written.get(key) ?? []), resource]);
  }
  if (!written.size) return;
  const replaced = new Set<ResourceNode>();
  const merged = new Map<ResourceNode, ResourceNode>();
  for (const synthesized of [...estate.resources, ...estate.dataSources]) {
    if (synthesized.input !== "terraform-json" || !synthesized.constructPath) continue;
    const id = synthesized.constructPath.split("/").pop() as string;
    // One construct in the TypeScript can stand for several in the synthesis: a component class
    // (`class Front extends Construct`) instantiated twice gives two resources with the same id.
    const candidates = written.get(`${synthesized.mode}\u0000${synthesized.resourceType}\u0000${id}`) ?? [];
    if (candidates.length !== 1) continue;
    const [source] = candidates;
    replaced.add(source);
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
    resource.relatedRanges.push(synthesized.headerRange);
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

/** The deepest directory holding all the paths: imports are followed only inside it (or its CDKTF project). */
function commonDirectory(paths: readonly string[]): string {
  return deepestCommonDirectory(paths.map((path) => cdktfProjectOf(dirname(path)) ?? dirname(path)));
}
