/**
 * Finds the files a scan reads. Skips `.git`, `node_modules` and `.terraform` unless the user named
 * them, follows symlinks once (loops are detected by real path) but never out of the scanned paths
 * and their repository, never opens devices, FIFOs or sockets, and reports what it cannot read.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  readdirSync,
  realpathSync,
  statSync,
  type Dirent,
} from "node:fs";
import { basename, relative, resolve, sep } from "node:path";
import { usesCdktf } from "./cdktf/read-cdktf.js";
import { decodeSource } from "../source/source-file.js";
import { mayBeTemplate } from "./cloudformation/template-tree.js";
import { TEMPLATE_FILE_NAME } from "./zone/zone-template.js";
import { inPhase } from "../source/phase-clock.js";
import { looksLikeOctodnsConfig } from "./octodns/parse-octodns.js";
import { ReadBoundary, specialFile, type Refusal } from "../source/read-boundary.js";
import { READ_AHEAD_MIN_FILES, ReadAhead } from "../source/read-ahead.js";

/**
 * `terragrunt`: `.hcl` files, read only to learn which root modules Terragrunt deploys; `named-conf`:
 * BIND's configuration, read for which zones it serves from which files; `octodns`: an octoDNS
 * configuration; `cdk`: an AWS CDK app's TypeScript, read to place its synthesized templates' findings. `refused`: a symlink out of the scan, or
 * a special file, with a name iflint would read: not read, but reported.
 */
export type InputFileKind =
  | "hcl"
  | "terraform-json"
  | "plan"
  | "zone"
  | "cdktf"
  | "terragrunt"
  | "cloudformation"
  | "named-conf"
  | "octodns"
  | "cdk"
  | "refused";

export interface DiscoveredFile {
  absolutePath: string;
  /** Relative to the working directory, forward slashes. */
  displayPath: string;
  kind: InputFileKind;
  /** A zone file that configuration (`zoneFiles`) names, not only a file-name pattern. */
  configured?: boolean;
  /** Why a `refused` file is not read. */
  refusal?: Refusal;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Problems worth telling the user that are not findings (unreadable directories, loops). */
  warnings: string[];
  /** Paths the user named that do not exist. */
  missing: string[];
  /**
   * Directories the walk read, and whether each holds `.git` (a directory or a file; a `.git` link
   * leaves its directory out): finding repositories asks the file system only about the others.
   */
  holdsGit?: Map<string, boolean>;
  /**
   * Directories the walk read, each with the names in it that Terraform reads variables from
   * (`terraform.tfvars`, `*.auto.tfvars`, and their `.json`): loading a root module need not list
   * its directory again.
   */
  tfvarsNames?: Map<string, readonly string[]>;
}

// `.gen` holds generated provider bindings, `__tests__` CDKTF unit tests: neither is the estate.
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", ".terraform", ".gen", "__tests__"]);

/** The deepest directory holding all the given ones. */
export function deepestCommonDirectory(directories: readonly string[]): string {
  let common = directories[0].split(sep);
  for (const directory of directories.slice(1)) {
    const parts = directory.split(sep);
    let length = 0;
    while (length < common.length && common[length] === parts[length]) length++;
    common = common.slice(0, length);
  }
  return common.join(sep) || sep;
}

export function displayPath(absolutePath: string, cwd = process.cwd()): string {
  const relativePath = plainlyBelow(absolutePath, cwd) ?? relative(cwd, absolutePath);
  const shown =
    relativePath === ""
      ? "."
      : relativePath.startsWith("..") && relativePath.split(sep).length > 6
        ? absolutePath
        : relativePath;
  return sep === "/" ? shown : shown.split(sep).join("/");
}

/** The variables files Terraform reads by name, before the `*.auto.tfvars` ones. */
export const TERRAFORM_TFVARS = ["terraform.tfvars", "terraform.tfvars.json"] as const;

/** A `*.auto.tfvars(.json)` name: Terraform reads these too, in lexical order. */
export function isAutoTfvarsName(name: string): boolean {
  return name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json");
}

/** The names of a listing Terraform reads variables from: any entry so named, as a listing gives them. */
function isTfvarsName(name: string): boolean {
  return (TERRAFORM_TFVARS as readonly string[]).includes(name) || isAutoTfvarsName(name);
}

/** Most directories have none: they share one empty list. */
const NO_NAMES: readonly string[] = [];

function tfvarsNamesIn(entries: readonly Dirent[]): readonly string[] {
  let names: string[] | undefined;
  for (const entry of entries) if (isTfvarsName(entry.name)) (names ??= []).push(entry.name);
  return names ?? NO_NAMES;
}

/** An entry's path: a directory the walk holds is already resolved, and a name has no separator. */
function childPath(directory: string, name: string): string {
  return directory.endsWith(sep) ? directory + name : directory + sep + name;
}

let checkedDirectory = "";
let directoryIsPlain = false;

/**
 * The part of `path` below `directory`, when both are plain absolute paths (no `.`, `..` or empty
 * segments) and one is inside the other: what `relative` gives, without resolving both paths again
 * for every file of a large scan.
 */
function plainlyBelow(path: string, directory: string): string | undefined {
  if (sep !== "/") return undefined;
  if (directory !== checkedDirectory) {
    checkedDirectory = directory;
    directoryIsPlain = directory !== "/" && resolve(directory) === directory;
  }
  if (!directoryIsPlain || !path.startsWith(directory) || path.charCodeAt(directory.length) !== 47 /* / */)
    return undefined;
  const below = path.slice(directory.length + 1);
  return /(?:^|\/)\.{0,2}(?:\/|$)/.test(below) ? undefined : below;
}

/** What a scan looks for, for the message when it finds none of it. */
export const FILES_LOOKED_FOR =
  "*.tf, *.tf.json, Terraform plan JSON, CloudFormation and SAM templates (*.json, *.yaml, *.yml), DNS zone files (*.zone, *.db, db.*), CDKTF TypeScript (*.ts importing cdktf)";

/**
 * True when the discovery holds a file a scan reads. Terragrunt configurations only say where roots
 * are deployed, and an AWS CDK app's TypeScript only places the findings of its synthesized templates.
 */
export function hasFilesToScan(discovery: Discovery): boolean {
  return discovery.files.some((file) => file.kind !== "terragrunt" && file.kind !== "refused" && file.kind !== "cdk");
}

/** Names iflint reads or inspects, judged by name alone (a special file's content is never read). */
function mayBeInput(path: string): boolean {
  const name = basename(path);
  return /\.(tf|tf\.json|hcl|zone|db|json|[cm]?ts|ya?ml|template|conf)$/.test(name) || name.startsWith("db.");
}

/** A link to a directory (judged from its metadata only). */
function isDirectoryLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** How much of a file is read to recognise it by content. */
const HEAD_BYTES = 16_384;

export function classifyFile(path: string): InputFileKind | undefined {
  const name = basename(path);
  // Read once, only if a rule below needs the content.
  let cachedHead: string | undefined;
  const head = (characters: number) => (cachedHead ??= readHead(path, HEAD_BYTES)).slice(0, characters);
  if (name.endsWith(".tf")) return "hcl";
  if (name.endsWith(".tf.json")) return "terraform-json";
  if (name.endsWith(".hcl") && name !== ".terraform.lock.hcl") return "terragrunt";
  // BIND's conventions for zone files: example.org.zone, example.org.db, db.example.org. The db
  // names are shared with SQLite files, db.py, db.changelog.xml...: those must look like a zone too.
  if (TEMPLATE_FILE_NAME.test(name)) return undefined;
  if (name.endsWith(".zone")) return "zone";
  // named.conf, named.conf.local, ...; other *.conf files when they declare zones.
  if (
    /^named\.conf(\.[\w-]+)?$/.test(name) ||
    (name.endsWith(".conf") && /^\s*zone\s+"[^"\n]+"\s*(?:in\s*)?\{/im.test(head(8192)))
  )
    return "named-conf";
  if (
    ((name.endsWith(".db") && name.length > 3) || (name.startsWith("db.") && name.length > 3)) &&
    looksLikeZoneFile(head(4096))
  )
    return "zone";
  if (name.endsWith(".json") && !name.endsWith(".tfvars.json") && looksLikePlanFile(head(512))) return "plan";
  if (/\.ya?ml$/.test(name) && looksLikeOctodnsConfig(head(HEAD_BYTES))) return "octodns";
  // CloudFormation, SAM and CDK templates are recognised by content, whatever their names.
  if (/\.(ya?ml|json|template)$/i.test(name) && !name.endsWith(".tfvars.json") && mayBeTemplate(head(HEAD_BYTES)))
    return "cloudformation";
  // AWS CDK TypeScript is read only to place the findings of its synthesized templates.
  if (/\.[cm]?ts$/.test(name) && !/\.d\.[cm]?ts$|\.(test|spec)\.[cm]?ts$/.test(name) && usesAwsCdk(head(HEAD_BYTES)))
    return "cdk";
  if (/\.[cm]?ts$/.test(name) && !/\.d\.[cm]?ts$|\.(test|spec)\.[cm]?ts$/.test(name) && usesCdktf(head(HEAD_BYTES)))
    return "cdktf";
  return undefined;
}

function usesAwsCdk(head: string): boolean {
  return /from\s*["']aws-cdk-lib(?:\/[^"']*)?["']|require\(\s*["']aws-cdk-lib/.test(head);
}

/** A zone file's opening: a `$ORIGIN`/`$TTL`/`$INCLUDE` directive or a resource record, and no binary. */
function looksLikeZoneFile(head: string): boolean {
  if (head.includes("\u0000")) return false;
  return (
    /^\$(ORIGIN|TTL|INCLUDE)\s/m.test(head) ||
    /^\S*[ \t]+(\d+[smhdwSMHDW]?[ \t]+)?((IN|in|CH|HS)[ \t]+)?(\d+[smhdwSMHDW]?[ \t]+)?(SOA|NS|A|AAAA|CNAME|MX|TXT|SRV|PTR|CAA|DS|DNSKEY|NAPTR|SPF|HINFO)[ \t]+[^\s=]/m.test(
      head,
    )
  );
}

/** Plans are recognised by content (`terraform show -json` output starts with format_version). */
function looksLikePlanFile(text: string): boolean {
  return (
    /^\s*\{\s*"format_version"/.test(text) ||
    (text.includes('"format_version"') && text.includes('"terraform_version"'))
  );
}

/** The first bytes of a regular file, for recognising it by content; "" when unreadable or special. */
function readHead(path: string, bytes: number): string {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(descriptor).isFile()) return "";
    const head = Buffer.alloc(bytes);
    const length = readSync(descriptor, head, 0, head.length, 0);
    return decodeSource(head.subarray(0, length)).text;
  } catch {
    return "";
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

export function discoverFiles(
  paths: readonly string[],
  cwd = process.cwd(),
  isIgnored?: (absolutePath: string) => boolean,
  isZoneFile?: (absolutePath: string) => boolean,
): Discovery {
  const discovery: Discovery = { files: [], warnings: [], missing: [], holdsGit: new Map(), tfvarsNames: new Map() };
  const visited = new Set<string>();
  const seenFiles = new Set<string>();
  let terraformFiles = 0;
  const boundary = ReadBoundary.forScan(paths, cwd);

  const addFile = (absolutePath: string, named: boolean): void => {
    if (!named && isIgnored?.(absolutePath)) return;
    const classified = classifyFile(absolutePath);
    const configured = (!classified || classified === "zone") && (isZoneFile?.(absolutePath) ?? false);
    const kind = classified ?? (configured ? "zone" : undefined);
    if (!kind) {
      if (named) discovery.warnings.push(`${displayPath(absolutePath, cwd)}: not a file type iflint reads; skipped`);
      return;
    }
    if (seenFiles.has(absolutePath)) return;
    seenFiles.add(absolutePath);
    discovery.files.push({
      absolutePath,
      displayPath: displayPath(absolutePath, cwd),
      kind,
      ...(configured ? { configured } : {}),
    });
    // Discovery knows first that a scan is large: the thread that will read its files starts now,
    // while the rest is discovered.
    if ((kind === "hcl" || kind === "terraform-json") && ++terraformFiles === READ_AHEAD_MIN_FILES) ReadAhead.warmUp();
  };
  const refuse = (absolutePath: string, refusal: Refusal): void => {
    if (isIgnored?.(absolutePath) || seenFiles.has(absolutePath)) return;
    seenFiles.add(absolutePath);
    discovery.files.push({ absolutePath, displayPath: displayPath(absolutePath, cwd), kind: "refused", refusal });
  };

  // An explicit stack, not recursion: deep trees must not overflow.
  const walk = (root: string): void => {
    // Each directory with its real path when known: a subdirectory reached by no link is its parent's
    // real path and its name, so only the root and linked directories ask the file system.
    const stack: string[] = [root];
    const realStack: (string | undefined)[] = [undefined];
    while (stack.length) {
      const directory = stack.pop() as string;
      let real = realStack.pop();
      try {
        real ??= realpathSync.native(directory);
      } catch (error) {
        discovery.warnings.push(
          `${displayPath(directory, cwd)}: cannot resolve (${(error as NodeJS.ErrnoException).code ?? error})`,
        );
        continue;
      }
      if (visited.has(real)) {
        if (directory !== root)
          discovery.warnings.push(`${displayPath(directory, cwd)}: symlink loop or repeated directory; skipped`);
        continue;
      }
      visited.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
        );
      } catch (error) {
        discovery.warnings.push(
          `${displayPath(directory, cwd)}: cannot read directory (${(error as NodeJS.ErrnoException).code ?? error})`,
        );
        continue;
      }
      const git = entries.find((entry) => entry.name === ".git");
      if (!git?.isSymbolicLink()) discovery.holdsGit?.set(directory, git !== undefined);
      discovery.tfvarsNames?.set(directory, tfvarsNamesIn(entries));
      const subdirectories: string[] = [];
      const realSubdirectories: (string | undefined)[] = [];
      for (const entry of entries) {
        const name = entry.name;
        const path = childPath(directory, name);
        let isDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          // Only links can lead out: every other entry of a directory inside the scan is inside it.
          const resolution = boundary.resolve(path, displayPath(path, cwd));
          if ("missing" in resolution) {
            if (resolution.missing === "ELOOP")
              discovery.warnings.push(`${displayPath(path, cwd)}: symlink loop; skipped`);
            else if (mayBeInput(path))
              discovery.warnings.push(`${displayPath(path, cwd)}: cannot read (${resolution.missing})`);
            continue;
          }
          if ("refusal" in resolution) {
            if (mayBeInput(path) || isDirectoryLink(path)) refuse(path, resolution.refusal);
            continue;
          }
          isDirectory = resolution.directory;
          if (!isDirectory) addFile(path, false);
        } else if (entry.isFile()) {
          addFile(path, false);
          continue;
        } else if (!isDirectory) {
          if (mayBeInput(path)) refuse(path, specialFile(displayPath(path, cwd)));
          continue;
        }
        // A CDK cloud assembly's asset.* directories hold bundled code, not templates.
        const asset = name.startsWith("asset.") && basename(directory) === "cdk.out";
        if (isDirectory && !SKIPPED_DIRECTORIES.has(name) && !asset && !isIgnored?.(path)) {
          subdirectories.push(path);
          realSubdirectories.push(entry.isSymbolicLink() ? undefined : childPath(real, name));
        }
      }
      for (let i = subdirectories.length - 1; i >= 0; i--) {
        stack.push(subdirectories[i]);
        realStack.push(realSubdirectories[i]);
      }
    }
  };

  for (const path of paths.length ? paths : ["."]) {
    const absolutePath = resolve(cwd, path);
    const resolution = boundary.resolve(absolutePath, displayPath(absolutePath, cwd));
    if ("missing" in resolution) discovery.missing.push(path);
    else if ("refusal" in resolution) refuse(absolutePath, resolution.refusal);
    else if (resolution.directory) inPhase("discovery", () => walk(absolutePath));
    else addFile(absolutePath, true);
  }
  return discovery;
}
