/**
 * Suppressions that stay accountable. Inline: `# iflint-ignore IFL-TLS-001 reason="..." until=2027-03-31`
 * (`#`, `//` or `;` comments) above a block or attribute or at the end of a line, or
 * `iflint-ignore-file ...` for a whole file; and `ignores` in configuration. A reason is required,
 * an ignore past its date stops suppressing, and either is itself a warning finding.
 */
import { relative } from "node:path";
import { SourceRange, type Comment, type SourceFile } from "../source/source-file.js";
import type { Estate, ScannedFile } from "../model/estate.js";
import type { Finding } from "./finding.js";
import type { IgnoreEntry } from "./config.js";
import { matchesGlob } from "./glob.js";

export interface SuppressionOptions {
  /** Today as YYYY-MM-DD (fixed in tests). */
  today: string;
  ignores?: readonly IgnoreEntry[];
  /** Paths in configured ignores are relative to this directory. */
  configDirectory?: string;
  reportUnused?: boolean;
  /** The configuration file, where problems with configured ignores are reported. */
  configFile?: SourceFile;
}

interface InlineIgnore {
  rules: string[];
  reason?: string;
  until?: string;
  range: SourceRange;
  /** Lines (1-based, inclusive) whose findings it covers; undefined for the whole file. */
  lines?: [number, number];
  used: boolean;
}

const DIRECTIVE = /^iflint-ignore(-file)?\b(.*)$/s;

export function applySuppressions(estate: Estate, findings: Finding[], options: SuppressionOptions): Finding[] {
  const inline = new Map<string, InlineIgnore[]>();
  const extra: Finding[] = [];
  for (const scanned of estate.files) {
    // Directives are read only from comments: a file without any (or, for HCL, without one the parser
    // kept, which keeps only comments naming iflint) has none, and its text need not be searched.
    if (!scanned.declaredIgnores?.length && !scanned.comments.length) continue;
    const ignores = readInlineIgnores(scanned, extra, options.today);
    if (ignores.length) inline.set(scanned.file.path, ignores);
  }
  const configured = (options.ignores ?? []).map((entry) => ({
    entry,
    used: false,
    expired: Boolean(entry.until && entry.until < options.today),
  }));
  for (const finding of findings) {
    // Already suppressed inline (configured ignores are applied in a second pass over every repository).
    if (finding.category === "parse-error" || finding.suppressed) continue;
    const ignores = inline.get(finding.range.file.path);
    const line = ignores ? finding.range.start.line : 0;
    const match = ignores?.find(
      (ignore) =>
        ignore.rules.includes(finding.ruleId) &&
        (!ignore.lines || (line >= ignore.lines[0] && line <= ignore.lines[1])),
    );
    if (match) {
      match.used = true;
      finding.suppressed = true;
      finding.justification = match.reason;
      continue;
    }
    const entry = configured.find(
      ({ entry, expired }) => !expired && configMatches(entry, finding, options.configDirectory),
    );
    if (entry) {
      entry.used = true;
      finding.suppressed = true;
      finding.justification = `config: ${entry.entry.reason}`;
    }
  }
  if (options.reportUnused) {
    for (const ignores of inline.values()) {
      for (const ignore of ignores)
        if (!ignore.used)
          extra.push(
            suppressionFinding(
              ignore.range,
              `This iflint-ignore for ${ignore.rules.join(", ")} matched no finding; remove it.`,
              "note",
            ),
          );
    }
  }
  for (const { entry, expired } of configured) {
    if (expired)
      extra.push(
        ...configFinding(
          estate,
          options,
          `The configured ignore of ${entry.rule}${entry.path ? ` for ${entry.path}` : ""}${entry.resource ? ` for ${entry.resource}` : ""} expired on ${entry.until} and no longer suppresses (reason was: ${entry.reason}).`,
        ),
      );
  }
  if (options.reportUnused) {
    for (const { entry, used, expired } of configured)
      if (!used && !expired)
        extra.push(
          ...configFinding(
            estate,
            options,
            `The configured ignore of ${entry.rule}${entry.path ? ` for ${entry.path}` : ""}${entry.resource ? ` for ${entry.resource}` : ""} matched no finding; remove it.`,
          ),
        );
  }
  return [...findings, ...extra];
}

function configMatches(entry: IgnoreEntry, finding: Finding, configDirectory: string | undefined): boolean {
  if (entry.rule !== "*" && entry.rule !== finding.ruleId) return false;
  if (
    entry.resource &&
    !(finding.resource && (finding.resource === entry.resource || matchesGlob(finding.resource, entry.resource)))
  )
    return false;
  if (entry.path) {
    const path = configDirectory
      ? relative(configDirectory, finding.range.file.absolutePath).split("\\").join("/")
      : finding.range.file.path;
    if (!matchesGlob(path, entry.path) && !matchesGlob(finding.range.file.path, entry.path)) return false;
  }
  return Boolean(entry.resource || entry.path);
}

function readInlineIgnores(scanned: ScannedFile, problems: Finding[], today: string): InlineIgnore[] {
  const ignores: InlineIgnore[] = [];
  const declaredIgnores: readonly (Comment & { lines?: [number, number] })[] = scanned.declaredIgnores ?? [];
  for (const comment of declaredIgnores.length ? [...scanned.comments, ...declaredIgnores] : scanned.comments) {
    // Most comments are not directives: skip them before slicing out their body.
    if (!comment.text.includes("iflint-ignore")) continue;
    const declared = (comment as { lines?: [number, number] }).lines;
    const body = declared ? comment.text : commentBody(comment.text, scanned.commentPrefixes);
    const match = body === undefined ? null : DIRECTIVE.exec(body);
    if (!match) continue;
    const range = new SourceRange(scanned.file, comment.start, comment.end);
    const { rules, reason, until } = parseDirective(match[2]);
    if (!rules.length) {
      problems.push(
        suppressionFinding(
          range,
          "This iflint-ignore names no rule id (for example IFL-TLS-001), so it suppresses nothing.",
        ),
      );
      continue;
    }
    if (!reason) {
      problems.push(
        suppressionFinding(
          range,
          `This iflint-ignore for ${rules.join(", ")} gives no reason="...", so it does not suppress: say why the finding is accepted.`,
        ),
      );
      continue;
    }
    if (until && until < today) {
      problems.push(
        suppressionFinding(
          range,
          `This iflint-ignore for ${rules.join(", ")} expired on ${until} and no longer suppresses (reason was: ${reason}).`,
        ),
      );
      continue;
    }
    ignores.push({
      rules,
      reason,
      until,
      range,
      lines: declared ?? (match[1] ? undefined : coveredLines(scanned.file, comment.start)),
      used: false,
    });
  }
  return ignores;
}

function commentBody(text: string, prefixes: readonly string[]): string | undefined {
  if (text.startsWith("/*")) return text.slice(2, -2).trim();
  const prefix = prefixes.find((candidate) => text.startsWith(candidate));
  return prefix === undefined ? undefined : text.slice(prefix.length).trim();
}

function parseDirective(rest: string): { rules: string[]; reason?: string; until?: string } {
  const reason = /\breason\s*=\s*"([^"]*)"/.exec(rest)?.[1]?.trim() || undefined;
  const until = /\buntil\s*=\s*(\d{4}-\d{2}-\d{2})\b/.exec(rest)?.[1];
  const head = rest.replace(/\breason\s*=\s*"[^"]*"/, "").replace(/\buntil\s*=\s*\S+/, "");
  const rules = head.split(/[\s,]+/).filter((token) => /^IFL-[A-Z]+-\d{3}$/.test(token));
  return { rules, reason, until };
}

/**
 * What an ignore covers: its own line when code precedes it there; otherwise the next line of
 * code and, when that line opens a block or bracket, every line until it closes.
 */
function coveredLines(file: SourceFile, offset: number): [number, number] {
  const { line, column } = file.position(offset);
  if (
    file
      .lineText(line)
      .slice(0, column - 1)
      .trim() !== ""
  )
    return [line, line];
  let target = line + 1;
  while (target <= file.lineCount && /^\s*($|#|\/\/|;)/.test(file.lineText(target))) target++;
  let depth = 0;
  let end = target;
  for (let current = target; current <= file.lineCount; current++) {
    const text = file
      .lineText(current)
      .replace(/"(?:[^"\\]|\\.)*"/g, '""')
      .replace(/(#|\/\/).*$/, "");
    for (const char of text) {
      if (char === "{" || char === "[" || char === "(") depth++;
      else if (char === "}" || char === "]" || char === ")") depth--;
    }
    end = current;
    if (depth <= 0) break;
  }
  if (end === target) end = indentedBlockEnd(file, target);
  return [target, end];
}

/**
 * A YAML key that opens a block (`  Alb:` in a CloudFormation template) covers the lines indented
 * under it, as a bracket covers the lines to its close.
 */
function indentedBlockEnd(file: SourceFile, line: number): number {
  const text = file.lineText(line);
  if (!/:\s*(#.*)?$/.test(text) && !/^\s*- /.test(text)) return line;
  const indent = (text.match(/^\s*(- )?/) as RegExpMatchArray)[0].length - (text.trimStart().startsWith("- ") ? 2 : 0);
  let end = line;
  for (let current = line + 1; current <= file.lineCount; current++) {
    const next = file.lineText(current);
    if (next.trim() === "" || next.trimStart().startsWith("#")) continue;
    if ((next.match(/^\s*/) as RegExpMatchArray)[0].length <= indent) break;
    end = current;
  }
  return end;
}

function suppressionFinding(range: SourceRange, message: string, severity: "warning" | "note" = "warning"): Finding {
  return {
    ruleId: "iflint-ignore",
    ruleName: "accountable-ignore",
    category: "suppression",
    severity,
    message,
    guidance: [],
    range,
    trace: [],
    related: [],
    suppressed: false,
  };
}

/** Reported at the configuration file (or, failing that, the first file scanned). */
function configFinding(estate: Estate, options: SuppressionOptions, message: string): Finding[] {
  const anchor = options.configFile ?? estate.files[0]?.file;
  return anchor ? [suppressionFinding(new SourceRange(anchor, 0, 0), message)] : [];
}
