/**
 * A command line read without yargs, for a fast start: loading yargs and building its help costs
 * more than scanning a small repository. Only plain command lines take this path (every option
 * known, written once unless repeatable, choices valid, no path after a repeatable option); anything
 * else, including --help and every mistake, goes to yargs, which stays the one authority on usage.
 */
import { parseArgs } from "node:util";

export interface SimpleOption {
  type: "string" | "boolean";
  alias?: string;
  array?: boolean;
  default?: string | boolean | string[];
  choices?: readonly string[];
  describe: string;
}

/** The options' values by their long names, and the positional words; undefined to leave it to yargs. */
export function readSimply(
  args: readonly string[],
  options: Readonly<Record<string, SimpleOption>>,
): { values: Record<string, string | boolean | string[]>; positionals: string[] } | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, option]) => [
          name,
          { type: option.type, multiple: option.array === true, ...(option.alias ? { short: option.alias } : {}) },
        ]),
      ),
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      tokens: true,
    });
  } catch {
    return undefined;
  }
  const seen = new Set<string>();
  let afterRepeatable = false;
  for (const token of parsed.tokens) {
    if (token.kind === "option-terminator") return undefined;
    if (token.kind === "positional") {
      // yargs reads the words after a repeatable option as more of its values.
      if (afterRepeatable) return undefined;
      continue;
    }
    const option = options[token.name];
    if (!option.array && seen.has(token.name)) return undefined;
    seen.add(token.name);
    afterRepeatable = option.array === true;
  }
  const values: Record<string, string | boolean | string[]> = {};
  for (const [name, option] of Object.entries(options)) {
    const value = parsed.values[name] ?? option.default;
    if (value === undefined) continue;
    if (option.choices && !option.choices.includes(String(value))) return undefined;
    values[name] = value as string | boolean | string[];
  }
  return { values, positionals: parsed.positionals };
}
