/** Every output format, by name, and how `--format name[=file]` is read. */
import type { ScanResult } from "../scan.js";
import { renderJson } from "./json.js";
import { renderText } from "./text.js";
import { renderSarif } from "./sarif.js";
import { renderJunit } from "./junit.js";
import { renderGithub } from "./github.js";
import { renderMarkdown } from "./markdown.js";

export const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatRequest {
  format: FormatName;
  /** Where to write it; stdout when absent. */
  file?: string;
}

export interface RenderOptions {
  color: boolean;
  quiet?: boolean;
  showSuppressed?: boolean;
  cwd?: string;
  warn?: (message: string) => void;
}

/** `sarif=results.sarif` → { format: "sarif", file: "results.sarif" }; undefined when not a format. */
export function parseFormatRequest(spec: string): FormatRequest | undefined {
  const equals = spec.indexOf("=");
  const name = (equals < 0 ? spec : spec.slice(0, equals)) as FormatName;
  if (!FORMATS.includes(name)) return undefined;
  const file = equals < 0 ? undefined : spec.slice(equals + 1);
  return file ? { format: name, file } : { format: name };
}

export function render(format: FormatName, result: ScanResult, options: RenderOptions): string {
  switch (format) {
    case "text":
      return renderText(result, options);
    case "json":
      return renderJson(result);
    case "sarif":
      return renderSarif(result, options);
    case "junit":
      return renderJunit(result);
    case "github":
      return renderGithub(result);
    case "markdown":
      return renderMarkdown(result);
  }
}
