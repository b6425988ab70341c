/**
 * AWS CDK: a synthesized template's resources name their constructs (`aws:cdk:path` metadata, or
 * the cloud assembly's metadata). When the CDK app's TypeScript is in the scan (found through its
 * `cdk.json`), each resource is placed at the construct in the TypeScript that creates it, with the
 * template as a related location, and the instantiations of the project's own construct classes on
 * the way as further related locations. The TypeScript is read statically, never run.
 */
import { basename, dirname, join } from "node:path";
import type { Node as MorphNode } from "ts-morph";
import type { Estate } from "../model/estate.js";
import { BlockNode, ResourceNode, withAttribute, type AttributeNode } from "../model/nodes.js";
import { SourceRange, type Comment, type SourceFile } from "../source/source-file.js";
import { readSourceFile } from "../source/read-source.js";
import { displayPath } from "../parsers/discover-files.js";
import { loadTsMorph } from "../parsers/cdktf/load-ts-morph.js";
import { CLOUDFORMATION_MAPPINGS, mappingsOf } from "./cloudformation-mapping.js";

/** A place in the TypeScript that creates a construct: `new X(this, "Id", ...)` or `alb.addListener("Id", ...)`. */
interface ConstructSite {
  id: string;
  range: SourceRange;
  /** The class whose code holds the site; undefined at the top level. */
  enclosingClass?: string;
  /** The class instantiated, when it is one of the project's own. */
  projectClass?: string;
  /** Properties written in the construct's arguments (`internetFacing: true`), by name, nested ones included. */
  properties: Map<string, SourceRange>;
}

interface CdkApp {
  sites: ConstructSite[];
}

/** Reads a file within what the scan may read (a regular file, by no link out of it); undefined otherwise. */
export type ConfinedRead = (absolutePath: string) => string | undefined;

/**
 * Logical id → construct path from the cloud assembly beside a template (manifest.json,
 * *.metadata.json), read only within the scan.
 */
export function assemblyConstructPaths(template: SourceFile, read: ConfinedRead | undefined): Map<string, string> {
  const paths = new Map<string, string>();
  const directory = dirname(template.absolutePath);
  const manifestText = read?.(join(directory, "manifest.json"));
  if (manifestText === undefined) return paths;
  try {
    const manifest = JSON.parse(manifestText) as {
      artifacts?: Record<
        string,
        {
          properties?: { templateFile?: string };
          metadata?: Record<string, { type?: string; data?: unknown }[]>;
          additionalMetadataFile?: string;
        }
      >;
    };
    for (const artifact of Object.values(manifest.artifacts ?? {})) {
      if (artifact.properties?.templateFile !== basename(template.absolutePath)) continue;
      let metadata = artifact.metadata ?? {};
      const extra = artifact.additionalMetadataFile;
      const extraText = extra && !extra.includes("..") ? read?.(join(directory, extra)) : undefined;
      if (extraText !== undefined) metadata = { ...metadata, ...(JSON.parse(extraText) as typeof metadata) };
      for (const [path, entries] of Object.entries(metadata))
        for (const entry of Array.isArray(entries) ? entries : [])
          if (entry.type === "aws:cdk:logicalId" && typeof entry.data === "string")
            paths.set(entry.data, path.replace(/^\//, ""));
    }
  } catch {
    // A cloud assembly that cannot be read leaves the template's resources at the template.
  }
  return paths;
}

/** Places CDK resources at their TypeScript constructs, where the app's source is among `typescript`. */
export function placeCdkResources(
  estate: Estate,
  typescript: readonly string[],
  cwd: string,
  read: ConfinedRead | undefined,
): void {
  const cdkResources = estate.resources.filter(
    (resource) => resource.input === "cloudformation" && resource.constructPath,
  );
  if (!cdkResources.length || !typescript.length) return;
  const apps = [...cdkApps(typescript, read).values()].map((files) => readApp(estate, files, cwd));
  if (!apps.length) return;
  const placed = new Map<ResourceNode, ResourceNode>();
  for (const resource of cdkResources) {
    for (const app of apps) {
      const trail = resolvePath(app, resource.constructPath!);
      if (!trail.length) continue;
      placed.set(resource, placeAt(resource, trail));
      break;
    }
  }
  if (!placed.size) return;
  estate.resources.splice(
    0,
    estate.resources.length,
    ...estate.resources.map((resource) => placed.get(resource) ?? resource),
  );
  estate.invalidateIndexes();
}

/** TypeScript files grouped by the CDK app (`cdk.json` whose `app` runs TypeScript) that holds them. */
function cdkApps(typescript: readonly string[], read: ConfinedRead | undefined): Map<string, string[]> {
  const apps = new Map<string, string[]>();
  const cache = new Map<string, string | undefined>();
  for (const file of typescript) {
    const app = cdkAppDirectory(dirname(file), read, cache);
    if (app) apps.set(app, [...(apps.get(app) ?? []), file]);
  }
  return apps;
}

/**
 * The CDK app a directory belongs to: the nearest directory above it (or it) with a `cdk.json`
 * whose `app` runs TypeScript, read within the scan. A cloud assembly (`cdk.out`) belongs to the
 * app beside it.
 */
export function cdkAppDirectory(
  start: string,
  read: ConfinedRead | undefined,
  cache = new Map<string, string | undefined>(),
): string | undefined {
  let directory = start;
  for (let depth = 0; depth < 12; depth++) {
    if (cache.has(directory)) return cache.get(directory);
    const config = read?.(join(directory, "cdk.json"));
    if (config !== undefined) {
      let app: string | undefined;
      try {
        const command = (JSON.parse(config) as { app?: unknown }).app;
        app = typeof command === "string" && /\.ts\b|ts-node|tsx/.test(command) ? directory : undefined;
      } catch {
        app = undefined;
      }
      cache.set(directory, app);
      return app;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
  return undefined;
}

function readApp(estate: Estate, paths: readonly string[], cwd: string): CdkApp {
  const morph = loadTsMorph();
  const project = new morph.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
  });
  const files = new Map<string, SourceFile>();
  for (const path of paths) {
    const known = estate.files.find((scanned) => scanned.file.absolutePath === path)?.file;
    const file = known ?? readSourceFile(estate, path, displayPath(path, cwd));
    if (!file) continue;
    files.set(path, file);
    project.createSourceFile(path, file.text, { overwrite: true });
    if (!known) estate.files.push({ file, comments: typescriptComments(morph, file.text), commentPrefixes: ["//"] });
  }
  const classes = new Set(
    project.getSourceFiles().flatMap((source) => source.getClasses().map((declaration) => declaration.getName() ?? "")),
  );
  const sites: ConstructSite[] = [];
  for (const source of project.getSourceFiles()) {
    const file = files.get(source.getFilePath()) ?? files.get(source.getFilePath().replace(/^\//, ""));
    if (!file) continue;
    source.forEachDescendant((node: MorphNode) => {
      const isNew = morph.Node.isNewExpression(node);
      if (!isNew && !morph.Node.isCallExpression(node)) return;
      const args = node.getArguments();
      const idArgument = isNew
        ? args[1]
        : morph.Node.isPropertyAccessExpression(node.getExpression())
          ? args[0]
          : undefined;
      if (
        !idArgument ||
        !(morph.Node.isStringLiteral(idArgument) || morph.Node.isNoSubstitutionTemplateLiteral(idArgument))
      )
        return;
      const constructed = isNew ? node.getExpression().getText().split(".").pop() : undefined;
      const properties = new Map<string, SourceRange>();
      for (const argument of args)
        for (const assignment of [
          ...(morph.Node.isObjectLiteralExpression(argument) ? [argument] : []),
          ...argument.getDescendantsOfKind(morph.SyntaxKind.ObjectLiteralExpression),
        ].flatMap((literal) => literal.getProperties()))
          if (morph.Node.isPropertyAssignment(assignment) || morph.Node.isShorthandPropertyAssignment(assignment)) {
            const name = assignment.getName();
            if (!properties.has(name))
              properties.set(name, new SourceRange(file, assignment.getStart(), assignment.getEnd()));
          }
      sites.push({
        id: idArgument.getLiteralText(),
        range: new SourceRange(file, node.getStart(), idArgument.getEnd()),
        enclosingClass: node.getFirstAncestorByKind(morph.SyntaxKind.ClassDeclaration)?.getName(),
        projectClass: constructed && classes.has(constructed) ? constructed : undefined,
        properties,
      });
    });
  }
  return { sites };
}

/**
 * The sites a construct path passes through: the stack's instantiation, each project construct
 * class's instantiation, and last the construct that makes the resource. Empty when the path
 * does not lead into this app.
 */
function resolvePath(app: CdkApp, constructPath: string): ConstructSite[] {
  const segments = constructPath.split("/").filter((segment) => segment !== "Resource" && segment !== "Default");
  const trail: ConstructSite[] = [];
  let within: string | undefined;
  let topLevel = true;
  for (const segment of segments) {
    const candidates = app.sites.filter((site) => site.id === segment && (topLevel || site.enclosingClass === within));
    const site = candidates[0];
    if (!site) break;
    trail.push(site);
    topLevel = false;
    // Inside a project class, its constructs are looked for in that class; a library construct's
    // children (alb.addListener("Http")) are written in the class that made the construct.
    within = site.projectClass ?? site.enclosingClass;
  }
  // Only a path that reached a construct below the stack is placed.
  return trail.length >= 2 ? trail : [];
}

/** CloudFormation properties whose CDK property has another name than their camelCase form. */
const CDK_PROPERTY_NAMES: Record<string, string> = { Scheme: "internetFacing", SslPolicy: "sslPolicy" };

/**
 * Where the construct's arguments write an attribute's value: the CDK property named like the
 * CloudFormation property it maps from (`securityPolicy` for `SecurityPolicy`), else the construct.
 */
function attributeSite(site: ConstructSite, resource: ResourceNode, name: string): SourceRange {
  const mapping = mappingsOf(resourceCloudformationType(resource) ?? "").find(
    (candidate) => candidate.terraform === resource.resourceType,
  );
  const property = mapping?.attributes?.[name]?.from.at(-1);
  if (!property) return site.range;
  const cdkName = CDK_PROPERTY_NAMES[property] ?? property.charAt(0).toLowerCase() + property.slice(1);
  return site.properties.get(cdkName) ?? site.range;
}

function resourceCloudformationType(resource: ResourceNode): string | undefined {
  return CLOUDFORMATION_MAPPINGS.find((mapping) => mapping.terraform === resource.resourceType)?.cloudformation;
}

function placeAt(resource: ResourceNode, trail: ConstructSite[]): ResourceNode {
  const site = trail[trail.length - 1];
  const at = site.range;
  const block = new BlockNode(resource.type, resource.labels, { range: at, headerRange: at }, () => ({
    attributes: new Map<string, AttributeNode>(
      [...resource.attributes].map(([name, attribute]) => {
        const written = attributeSite(site, resource, name);
        return [
          name,
          withAttribute(attribute, { range: written, nameRange: written, valueRange: written, locate: () => written }),
        ];
      }),
    ),
    blocks: resource.blocks.map((inner) => relocated(inner, at)),
    unknownContent: resource.unknownContent,
  }));
  const placed = new ResourceNode(
    resource.mode,
    resource.resourceType,
    resource.name,
    resource.module,
    "cloudformation",
    block,
    resource.instanceKey,
  );
  placed.existence = resource.existence;
  placed.constructPath = resource.constructPath;
  placed.addressType = resource.addressType;
  placed.addRelatedRange(resource.headerRange);
  for (const step of trail.slice(1, -1))
    if (step.projectClass)
      placed.addOrigins({
        range: step.range,
        message: `${step.projectClass} instantiated here as ${step.id} (${resource.constructPath})`,
      });
  return placed;
}

function relocated(block: BlockNode, at: SourceRange): BlockNode {
  return new BlockNode(block.type, block.labels, { range: at, headerRange: at }, () => ({
    attributes: new Map(
      [...block.attributes].map(([name, attribute]) => [
        name,
        withAttribute(attribute, { range: at, nameRange: at, valueRange: at, locate: () => at }),
      ]),
    ),
    blocks: block.blocks.map((inner) => relocated(inner, at)),
    unknownContent: block.unknownContent,
  }));
}

/** `//` and `/* *\/` comments, from TypeScript's own scanner (so never from inside strings). */
function typescriptComments(morph: ReturnType<typeof loadTsMorph>, text: string): Comment[] {
  const { ts } = morph;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const comments: Comment[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan())
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia)
      comments.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd(), text: scanner.getTokenText() });
  return comments;
}
