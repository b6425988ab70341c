/**
 * Reads module directories once: the files a scan discovered, and the local module sources they
 * call (which may lie outside the scanned paths). Also answers where `terraform init` put a
 * remote module, from `.terraform/modules/modules.json`, without any network access.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { SourceFile, SourceRange } from "../source/source-file.js";
import { readSourceFile } from "../source/read-source.js";
import { gitRepositoryOf } from "../source/repository.js";
import { parseHcl } from "../parsers/hcl/parse.js";
import type { Block, HclFile } from "../parsers/hcl/ast.js";
import { parseTerraformJson } from "../parsers/terraform-json/parse-terraform-json.js";
import { displayPath } from "../parsers/discover-files.js";
import type { Estate } from "../model/estate.js";
import { inPhase } from "../source/phase-clock.js";

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
  private readonly repositories = new Map<string, string | undefined>();

  constructor(
    private readonly estate: Estate,
    private readonly cwd: string,
    /** Root directories by display path → absolute path, to find `.terraform/modules`. */
    private readonly rootDirectories: ReadonlyMap<string, string>,
    /** The scanned paths, and the deepest directory holding every scanned file: `file()` may read inside them. */
    private readonly scanDirectories: readonly string[] = [],
  ) {}

  /** Registers a directory's files as the scan discovered them (sorted by name). */
  addDiscovered(absoluteDirectory: string, files: readonly string[]): ModuleSource {
    const source: ModuleSource = { directory: displayPath(absoluteDirectory, this.cwd), absoluteDirectory, files: [] };
    for (const path of [...files].sort()) {
      const parsed = inPhase("parsing", () => this.parseFile(path));
      if (parsed) source.files.push(parsed);
    }
    this.sources.set(absoluteDirectory, source);
    return source;
  }

  load(absoluteDirectory: string): ModuleSource | undefined {
    const key = resolve(absoluteDirectory);
    if (this.sources.has(key)) return this.sources.get(key);
    let names: string[] = [];
    try {
      if (statSync(key).isDirectory())
        names = readdirSync(key)
          .filter((name) => name.endsWith(".tf") || name.endsWith(".tf.json"))
          .sort();
    } catch {
      names = [];
    }
    const source = names.length
      ? this.addDiscovered(
          key,
          names.map((name) => join(key, name)),
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
        const parsed = JSON.parse(readFileSync(path, "utf8")) as { Modules?: { Key?: string; Dir?: string }[] };
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

  /**
   * `file()` and friends: relative paths resolve against the root module's directory, where
   * Terraform runs, whatever directory iflint runs in. Reads stay inside the working directory, the
   * module's own tree, the scanned tree, or the repository (the nearest directory with `.git`)
   * holding the root.
   */
  readFileUnder(moduleDirectory: string, rootDirectory: string, path: string): string | undefined {
    const target = resolve(rootDirectory, path);
    const inside = (base: string | undefined) => {
      if (base === undefined) return false;
      const within = relative(base, target);
      return !within.startsWith("..") && !isAbsolute(within);
    };
    if (
      !(
        inside(this.cwd) ||
        this.scanDirectories.some(inside) ||
        inside(moduleDirectory) ||
        inside(this.repositoryOf(rootDirectory))
      ) ||
      !existsSync(target)
    )
      return undefined;
    try {
      const text = readFileSync(target, "utf8");
      if (!this.filesByText.has(text))
        this.filesByText.set(text, new SourceFile(displayPath(target, this.cwd), text, target));
      return text;
    } catch {
      return undefined;
    }
  }

  /** The nearest directory with `.git` above a root module's, memoised by directory. */
  private repositoryOf(directory: string): string | undefined {
    return gitRepositoryOf(directory, this.repositories);
  }

  /** The file a text read by `readFileUnder` came from, so values decoded from it can point into it. */
  fileOfText(text: string): SourceFile | undefined {
    return this.filesByText.get(text);
  }

  private parseFile(path: string): ParsedModuleFile | undefined {
    const estate = this.estate;
    const file = readSourceFile(estate, path, displayPath(path, this.cwd));
    if (!file) return undefined;
    const json = path.endsWith(".json") ? parseTerraformJson(file) : undefined;
    const parsed = json ? json.hcl : parseHcl(file);
    estate.files.push({ file, comments: parsed.comments, commentPrefixes: json ? [] : ["#", "//"] });
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
