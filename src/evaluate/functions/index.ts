/** Placeholder until the function library lands: every function is unknown. */
import type { Value } from "../../model/value.js";

export interface FunctionContext {
  readFile?(path: string): string | undefined;
}

export function callFunction(_name: string, _args: Value[], _context?: FunctionContext): Value | undefined {
  return undefined;
}
