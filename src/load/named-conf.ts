/**
 * What BIND's configuration says about zones: which file holds each zone and its origin, whether
 * BIND signs it (`dnssec-policy` other than `none`, `auto-dnssec maintain`, `inline-signing yes`),
 * and whether only private clients can query it (a `view` whose `match-clients`, or an
 * `allow-query`, admits only private, loopback or `localnets` addresses, directly or through
 * named ACLs). A configuration file that does not parse is a diagnostic, and the zone files it
 * names fall back to being read on their own.
 */
import { SourceRange, type SourceFile } from "../source/source-file.js";
import { parseNamedConf, type ConfStatement, type ParsedConf } from "../parsers/named-conf/parse-named-conf.js";
import type { Estate } from "../model/estate.js";
import type { ConfinedPaths } from "./zone-include-paths.js";
import type { ZoneDeclaration } from "./zone-files.js";
import { isPrivateAddressOrPrefix } from "./private-addresses.js";

export interface DeclaredZoneFile {
  /** Real path of the zone file. */
  path: string;
  declaration: ZoneDeclaration;
}

export interface NamedConfResult {
  /** Zone files by real path, with what the configuration declares about each. */
  declared: DeclaredZoneFile[];
  /** Real paths of files the configuration uses for something other than a zone (hints, stubs). */
  notZones: Set<string>;
}

interface Scope {
  directory?: string;
  signingPolicy?: boolean;
  privateOnly?: boolean;
}

/** Reads every scanned configuration file and those it includes, each once. */
export function readNamedConf(
  estate: Estate,
  confFiles: readonly string[],
  paths: ConfinedPaths,
  read: (realPath: string) => SourceFile | undefined,
  /** A scanned zone file the path names by its trailing components, when it resolves nowhere else. */
  scannedZoneFile: (path: string) => string | undefined = () => undefined,
): NamedConfResult {
  const parsed = new Map<string, ParsedConf | undefined>();
  const parse = (real: string) => {
    if (!parsed.has(real)) {
      const file = read(real);
      const result = file && !/\{\{|\{%/.test(file.text) ? parseNamedConf(file) : undefined;
      for (const error of result?.errors ?? [])
        estate.diagnostics.push({
          range: new SourceRange(result!.file, error.start, error.end),
          summary: "named.conf syntax",
          detail: error.message,
        });
      parsed.set(real, result?.errors.length ? undefined : result);
    }
    return parsed.get(real);
  };
  // Every file, and every file they include (transitively), parsed once; ACLs may be used before
  // or after they are defined, in any of them.
  const included = new Set<string>();
  const queue = [...confFiles];
  while (queue.length) {
    const real = queue.shift() as string;
    for (const inner of includedFiles(parse(real)?.statements ?? [], real, paths)) {
      if (inner === real || included.has(inner)) continue;
      included.add(inner);
      queue.push(inner);
    }
  }
  const acls = new Map<string, ConfStatement[]>();
  for (const conf of parsed.values())
    for (const statement of conf?.statements ?? [])
      if (keyword(statement) === "acl" && statement.words[1] && statement.blocks[0])
        acls.set(statement.words[1].text.toLowerCase(), statement.blocks[0]);
  // Files that another includes are read through it (with its options and views), not on their own.
  const result: NamedConfResult = { declared: [], notZones: new Set() };
  const reader = new ConfReader(result, acls, paths, parse, scannedZoneFile);
  for (const conf of confFiles) if (!included.has(conf)) reader.read(conf, {}, [conf]);
  return result;
}

function includedFiles(statements: readonly ConfStatement[], from: string, paths: ConfinedPaths): string[] {
  const found: string[] = [];
  for (const statement of statements) {
    if (keyword(statement) === "include" && statement.words[1]) {
      const target = paths.resolve(statement.words[1].text, from);
      if (target.path) found.push(target.path);
    }
    for (const block of statement.blocks) found.push(...includedFiles(block, from, paths));
  }
  return found;
}

function keyword(statement: ConfStatement): string {
  return statement.words[0]?.text.toLowerCase() ?? "";
}

function option(statements: readonly ConfStatement[], name: string): ConfStatement | undefined {
  return statements.find((statement) => keyword(statement) === name);
}

class ConfReader {
  constructor(
    private readonly result: NamedConfResult,
    private readonly acls: Map<string, ConfStatement[]>,
    private readonly paths: ConfinedPaths,
    private readonly parse: (real: string) => ParsedConf | undefined,
    private readonly scannedZoneFile: (path: string) => string | undefined,
  ) {}

  read(real: string, scope: Scope, chain: string[]): void {
    const conf = this.parse(real);
    if (!conf) return;
    this.statements(conf.statements, conf.file, real, scope, chain);
  }

  private statements(
    statements: readonly ConfStatement[],
    file: SourceFile,
    real: string,
    outer: Scope,
    chain: string[],
  ): void {
    const scope = { ...outer };
    const options = statements.find((statement) => keyword(statement) === "options")?.blocks[0];
    if (options) Object.assign(scope, this.scopeOf(options, scope));
    for (const statement of statements) {
      const word = keyword(statement);
      if (word === "include" && statement.words[1]) {
        const target = this.paths.resolve(statement.words[1].text, real, scope.directory ? [scope.directory] : []);
        if (target.path && !chain.includes(target.path) && chain.length < 16)
          this.read(target.path, scope, [...chain, target.path]);
      } else if (word === "view" && statement.blocks[0]) {
        const body = statement.blocks[0];
        const matchClients = option(body, "match-clients")?.blocks[0];
        const viewScope = { ...scope, ...this.scopeOf(body, scope) };
        if (matchClients) viewScope.privateOnly = this.admitsOnlyPrivate(matchClients, new Set());
        this.statements(body, file, real, viewScope, chain);
      } else if (word === "zone" && statement.words[1] && statement.blocks[0]) {
        this.zone(statement, file, real, scope);
      }
    }
  }

  /** Settings a block (options, view) passes down to the zones in it. */
  private scopeOf(body: readonly ConfStatement[], outer: Scope): Scope {
    const scope: Scope = {};
    const directory = option(body, "directory")?.words[1]?.text;
    if (directory) scope.directory = directory;
    const signing = signs(body);
    if (signing !== undefined) scope.signingPolicy = signing;
    const allowQuery = option(body, "allow-query")?.blocks[0];
    if (allowQuery) scope.privateOnly = (outer.privateOnly ?? false) || this.admitsOnlyPrivate(allowQuery, new Set());
    return scope;
  }

  private zone(statement: ConfStatement, file: SourceFile, real: string, scope: Scope): void {
    const body = statement.blocks[0];
    const type = normalizeType(option(body, "type")?.words[1]?.text ?? "");
    const path = option(body, "file")?.words[1]?.text;
    if (!path) return;
    const target = this.paths.resolve(path, real, scope.directory ? [scope.directory] : []);
    target.path ??= this.scannedZoneFile(path);
    if (!target.path) return;
    if (type !== "primary" && type !== "secondary") {
      this.result.notZones.add(target.path);
      return;
    }
    const zoneScope = { ...scope, ...this.scopeOf(body, scope) };
    const name = statement.words[1].text;
    this.result.declared.push({
      path: target.path,
      declaration: {
        origin: name === "." ? "." : `${name.replace(/\.$/, "")}.`,
        type,
        signed: zoneScope.signingPolicy ?? false,
        isPrivate: zoneScope.privateOnly ?? false,
        range: new SourceRange(file, statement.start, statement.end),
        directory: scope.directory,
      },
    });
  }

  /**
   * Whether an address match list admits only private, loopback and local clients. Negated
   * elements admit no one; `any`, keys and anything not understood count as public.
   */
  private admitsOnlyPrivate(list: readonly ConfStatement[], seen: Set<string>): boolean {
    let admits = false;
    for (const element of list) {
      const words = element.words.map((word) => word.text.toLowerCase());
      if (words[0]?.startsWith("!") || words[0] === "!") continue;
      if (element.blocks.length) {
        if (!element.blocks.every((block) => this.admitsOnlyPrivate(block, seen))) return false;
        admits = true;
        continue;
      }
      const [first] = words;
      if (first === undefined) continue;
      if (first === "none") continue;
      admits = true;
      if (first === "localhost" || first === "localnets") continue;
      const acl = this.acls.get(first);
      if (acl) {
        if (seen.has(first)) continue;
        if (!this.admitsOnlyPrivate(acl, new Set([...seen, first]))) return false;
        continue;
      }
      if (!isPrivateAddressOrPrefix(first)) return false;
    }
    return admits;
  }
}

/** true when the block signs its zones, false when it says it does not, undefined when it says nothing. */
function signs(body: readonly ConfStatement[]): boolean | undefined {
  const policy = option(body, "dnssec-policy")?.words[1]?.text.toLowerCase();
  const autoDnssec = option(body, "auto-dnssec")?.words[1]?.text.toLowerCase();
  const inlineSigning = option(body, "inline-signing")?.words[1]?.text.toLowerCase();
  if ((policy && policy !== "none") || autoDnssec === "maintain" || ["yes", "true", "1"].includes(inlineSigning ?? ""))
    return true;
  return policy === "none" ? false : undefined;
}

/** Zone types whose file is not the zone's data: root hints, stub and mirror caches, forwarding. */
const NOT_ZONE_DATA = new Set(["hint", "stub", "static-stub", "forward", "mirror", "delegation-only", "in-view"]);

/** `primary`, `secondary`, or a type whose file is not zone data; PowerDNS's `native` serves its file as a primary. */
function normalizeType(type: string): string {
  const lower = type.toLowerCase();
  if (lower === "slave" || lower === "secondary") return "secondary";
  return NOT_ZONE_DATA.has(lower) ? lower : "primary";
}
