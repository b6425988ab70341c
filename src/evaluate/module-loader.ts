/**
 * Reads module directories once: the files a scan discovered, and the local module sources they
 * call (which may lie outside the scanned paths). Also answers where `terraform init` put a
 * remote module, from `.terraform/modules/modules.json`, without any network access.
 */
import { readdirSync, type Dirent } from "node:fs";
import { join, resolve } from "node:path";
import { SourceFile, SourceRange, type Comment } from "../source/source-file.js";
import { readSourceFile } from "../source/read-source.js";
import type { ReadAhead } from "../source/read-ahead.js";
import { ReadBoundary, readRegularFile, type Refusal } from "../source/read-boundary.js";
import { parseHcl } from "../parsers/hcl/parse.js";
import type { Block, Diagnostic, HclFile } from "../parsers/hcl/ast.js";
import { parseTerraformJson } from "../parsers/terraform-json/parse-terraform-json.js";
import { displayPath } from "../parsers/discover-files.js";
import type { Estate } from "../model/estate.js";
import { inPhase } from "../source/phase-clock.js";
import { globMatcher } from "./functions/fileset.js";

/** Entries `fileset` lists at most under one directory (deeper ones included) before its result is unknown. */
const FILESET_LIMIT = 10_000;

/** Shared by every module file (never added to): a large estate has tens of thousands. */
const NO_COMMENTS: Comment[] = Object.freeze([]) as unknown as Comment[];
const NO_DIAGNOSTICS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];
const NO_PREFIXES: readonly string[] = Object.freeze([]);
const HCL_COMMENT_PREFIXES: readonly string[] = Object.freeze(["#", "//"]);

export interface ParsedModuleFile {
  file: SourceFile;
  parsed: HclFile;
  input: "hcl" | "terraform-json" | "cdktf";
  /** CDKTF construct paths of blocks: `stack/id` from synthesized JSON, the construct id from TypeScript. */
  constructPaths?: Map<Block, string>;
}

export interface ModuleSource {
  /** As shown to users: relative to the working directory, forward slashes. */
  directory: string;
  absoluteDirectory: string;
  files: ParsedModuleFile[];
}

export class ModuleLoader {
  private readonly sources = new Map<string, ModuleSource | undefined>();
  private readonly manifests = new Map<string, Map<string, string>>();
  private readonly filesByText = new Map<string, SourceFile>();
  /** Module directories refused as outside the scan, with why. */
  private readonly refusedDirectories = new Map<string, Refusal>();
  /** What the scan may read: the scanned paths and the repositories holding them. */
  readonly boundary: ReadBoundary;
  /** Discovered files read ahead on another thread, while they are being added. */
  readAhead: ReadAhead | undefined;

  constructor(
    private readonly estate: Estate,
    private readonly cwd: string,
    /** Root directories by display path → absolute path, to find `.terraform/modules`. */
    private readonly rootDirectories: ReadonlyMap<string, string>,
    /** The scanned paths, or the deepest directory holding every scanned file: nothing is read outside them. */
    scanDirectories: readonly string[] = [],
  ) {
    this.boundary = new ReadBoundary(scanDirectories);
  }

  /** Registers a directory's files as the scan discovered them (sorted by name). */
  addDiscovered(absoluteDirectory: string, files: readonly string[], discovered = true): ModuleSource {
    const source: ModuleSource = { directory: displayPath(absoluteDirectory, this.cwd), absoluteDirectory, files: [] };
    for (const path of [...files].sort()) {
      // Discovery has already resolved and checked its files; a module directory's are checked here.
      const parsed = inPhase("parsing", () => this.parseFile(path, !discovered));
      if (parsed) source.files.push(parsed);
    }
    this.sources.set(absoluteDirectory, source);
    return source;
  }

  load(absoluteDirectory: string): ModuleSource | undefined {
    // A directory already known by this very path (keys are resolved paths) is not resolved again:
    // module instances ask for their calls' directories thousands of times.
    const known = this.sources.get(absoluteDirectory);
    if (known !== undefined) return known;
    const key = resolve(absoluteDirectory);
    if (this.sources.has(key)) return this.sources.get(key);
    let names: string[] = [];
    const resolution = this.boundary.resolve(key, displayPath(key, this.cwd));
    if ("refusal" in resolution) this.refusedDirectories.set(key, resolution.refusal);
    else if ("real" in resolution && resolution.directory) {
      try {
        names = readdirSync(key)
          .filter((name) => name.endsWith(".tf") || name.endsWith(".tf.json"))
          .sort();
      } catch {
        names = [];
      }
    }
    const source = names.length
      ? this.addDiscovered(
          key,
          names.map((name) => join(key, name)),
          false,
        )
      : undefined;
    this.sources.set(key, source);
    return source;
  }

  /** The directory `terraform init` installed a module call into, if it did. */
  installedModule(root: string, key: string): string | undefined {
    const rootDirectory = this.rootDirectories.get(root);
    if (!rootDirectory) return undefined;
    let manifest = this.manifests.get(rootDirectory);
    if (!manifest) {
      manifest = new Map();
      const path = join(rootDirectory, ".terraform", "modules", "modules.json");
      try {
        const text = this.readText(path);
        const parsed = (text === undefined || typeof text !== "string" ? {} : JSON.parse(text)) as {
          Modules?: { Key?: string; Dir?: string }[];
        };
        for (const module of parsed.Modules ?? [])
          if (module.Key && module.Dir) manifest.set(module.Key, join(rootDirectory, module.Dir));
      } catch {
        // No manifest: remote modules stay unknown.
      }
      this.manifests.set(rootDirectory, manifest);
    }
    return manifest.get(key);
  }

  /** The absolute directory of a root module, by the path users see. */
  rootDirectory(root: string): string {
    return this.rootDirectories.get(root) ?? resolve(this.cwd, root);
  }

  /** Why a module directory was not read, when it was refused rather than missing. */
  refusalOf(absoluteDirectory: string): Refusal | undefined {
    return this.refusedDirectories.get(resolve(absoluteDirectory));
  }

  /**
   * `file()` and friends: relative paths resolve against the root module's directory, where
   * Terraform runs, whatever directory iflint runs in. Reads stay inside the scanned paths and the
   * repository (the nearest directory with `.git`) holding them, symlinks resolved; a refusal says why.
   */
  readFileUnder(rootDirectory: string, path: string): string | Refusal | undefined {
    const target = resolve(rootDirectory, path);
    // Read once per scan: every instance of a module reads its templates again (one text, not a copy each).
    const known = this.readsByTarget.get(target);
    if (known !== undefined && (typeof known.result !== "object" || known.shown === path)) return known.result;
    const text = this.readText(target, path);
    if (typeof text === "string" && !this.filesByText.has(text))
      this.filesByText.set(text, new SourceFile(displayPath(target, this.cwd), text, target));
    this.readsByTarget.set(target, { result: text, shown: path });
    return text;
  }

  /**
   * `fileset(path, pattern)`: the regular files under `path` (relative to the root module's
   * directory) whose relative path matches, sorted; only what the boundary allows is listed or
   * entered (a link out of the scan is skipped), and undefined when the directory cannot be listed
   * or holds more than FILESET_LIMIT entries (the result is then unknown, not partial).
   */
  listFilesUnder(rootDirectory: string, path: string, pattern: string): string[] | undefined {
    const matcher = globMatcher(pattern);
    const base = resolve(rootDirectory, path);
    const resolution = this.boundary.resolve(base, displayPath(base, this.cwd));
    if (!matcher || !("real" in resolution) || !resolution.directory) return undefined;
    const found: string[] = [];
    const pending: string[] = [""];
    let entries = 0;
    while (pending.length) {
      const relative = pending.pop() as string;
      let names: Dirent[];
      try {
        names = readdirSync(join(base, relative), { withFileTypes: true });
      } catch {
        return undefined;
      }
      for (const entry of names) {
        if (++entries > FILESET_LIMIT) return undefined;
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        const absolute = join(base, child);
        let directory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          const target = this.boundary.resolve(absolute, displayPath(absolute, this.cwd));
          if (!("real" in target)) continue;
          directory = target.directory === true;
          // A link to a directory is not followed (a loop would never end); Terraform's walk does not either.
          if (directory) continue;
        }
        if (directory) pending.push(child);
        else if ((entry.isFile() || entry.isSymbolicLink()) && matcher.matches(child)) found.push(child);
      }
    }
    return found.sort();
  }

  /** What `readFileUnder` gave for each target, and the path it was asked by (a refusal names it). */
  private readonly readsByTarget = new Map<string, { result: string | Refusal | undefined; shown: string }>();

  /** A file's text if the boundary allows it and it is a regular, readable file. */
  private readText(target: string, shown = displayPath(target, this.cwd)): string | Refusal | undefined {
    const resolution = this.boundary.resolve(target, shown);
    if ("refusal" in resolution) return resolution.refusal;
    if ("missing" in resolution || resolution.directory) return undefined;
    try {
      const read = readRegularFile(resolution.real, shown);
      return "refusal" in read ? read.refusal : read.bytes.toString("utf8");
    } catch {
      return undefined;
    }
  }

  /** The file a text read by `readFileUnder` came from, so values decoded from it can point into it. */
  fileOfText(text: string): SourceFile | undefined {
    return this.filesByText.get(text);
  }

  private parseFile(path: string, confine: boolean): ParsedModuleFile | undefined {
    const estate = this.estate;
    const file = confine
      ? readSourceFile(estate, path, displayPath(path, this.cwd), this.boundary)
      : readSourceFile(estate, path, displayPath(path, this.cwd), undefined, undefined, this.readAhead);
    if (!file) return undefined;
    const json = path.endsWith(".json") ? parseTerraformJson(file) : undefined;
    const parsed = json ? json.hcl : parseHcl(file, { lazyExpressions: true });
    // Only comments holding a directive are read again (suppressions): keep just those. A file
    // without any, and without diagnostics, keeps shared empty lists, not two of its own.
    const directives = parsed.comments.filter((comment) => comment.text.includes("iflint-"));
    parsed.comments = directives.length ? directives : NO_COMMENTS;
    if (parsed.diagnostics.length === 0) parsed.diagnostics = NO_DIAGNOSTICS;
    estate.files.push({ file, comments: parsed.comments, commentPrefixes: json ? NO_PREFIXES : HCL_COMMENT_PREFIXES });
    for (const diagnostic of parsed.diagnostics) {
      estate.diagnostics.push({
        range: new SourceRange(file, diagnostic.start, diagnostic.end),
        summary: diagnostic.summary,
        detail: diagnostic.detail,
      });
    }
    return { file, parsed, input: json ? "terraform-json" : "hcl", constructPaths: json?.constructPaths };
  }
}
