/**
 * Every output format, by name, and how `--format name[=file]` is read. A format's module is loaded
 * when it is asked for: a scan prints one or two of them, and a cold start is mostly module loading.
 */
import type { ScanResult } from "../scan.js";

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

export async function render(format: FormatName, result: ScanResult, options: RenderOptions): Promise<string> {
  switch (format) {
    case "text":
      return (await import("./text.js")).renderText(result, options);
    case "json":
      return (await import("./json.js")).renderJson(result);
    case "sarif":
      return (await import("./sarif.js")).renderSarif(result, options);
    case "junit":
      return (await import("./junit.js")).renderJunit(result);
    case "github":
      return (await import("./github.js")).renderGithub(result);
    case "markdown":
      return (await import("./markdown.js")).renderMarkdown(result);
  }
}
