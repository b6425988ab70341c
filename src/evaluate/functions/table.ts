/** How functions are registered: `shallow` ones accept arguments that contain unknowns. */
import type { Value } from "../../model/value.js";
import type { SourceFile } from "../../source/source-file.js";

export interface FunctionContext {
  /** Reads a file under the scanned root; undefined when not allowed or unreadable. */
  readFile?(path: string): string | undefined;
  /** Renders a template file under the scanned root with the given variables; undefined when unreadable. */
  renderTemplate?(path: string, variables: Value): Value | undefined;
  /** `fileset`: the files under a path (as `readFile` resolves it) matching a pattern; undefined when not allowed. */
  listFiles?(path: string, pattern: string): string[] | undefined;
  /**
   * The error for a function (`file`, `templatefile`) whose file is not in the scan, naming the call;
   * undefined when the read was refused (a file outside the scan, already reported) or no call is known.
   */
  missingFile?(name: string, path: string): Value | undefined;
  /** The repository file a text was read from (file(), data.local_file), for positions in decoded values. */
  fileOf?(text: string): SourceFile | undefined;
}

export interface TerraformFunction {
  /** Called even when arguments contain unknowns (only a top-level unknown argument stops it). */
  shallow?: boolean;
  /** Called with unknown arguments too: the function decides (coalesce, try, can). */
  handlesUnknown?: boolean;
  call(args: Value[], context: FunctionContext): Value;
}

export type FunctionTable = Record<string, TerraformFunction>;
