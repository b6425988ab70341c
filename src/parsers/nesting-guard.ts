/**
 * Nesting limits for every reader of JSON and YAML (plans, Terraform JSON, tfvars JSON, CDKTF
 * synth output, jsondecode, yamldecode, configuration, templates). Parsers and the code walking
 * their trees recurse, so input nested thousands deep would exhaust the stack; a linear scan
 * before parsing finds the first place past the limit, which becomes one positioned diagnostic.
 */

/** As deep as the HCL parser goes: no real configuration comes close. */
export const MAX_NESTING = 400;

/** Offset of the first `[` or `{` nested deeper than `max` in JSON text (strings skipped), if any. */
export function excessJsonNesting(text: string, max = MAX_NESTING): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c /* \ */) i++;
        else if (inner === 0x22) break;
      }
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Offset of the first place YAML text nests deeper than `max`, counting flow brackets outside
 * quotes and comments, and block levels by indentation and compact `- ` / `? ` indicators. An
 * over-estimate at worst (a bracket inside a plain scalar counts), which real files never reach.
 */
export function excessYamlNesting(text: string, max = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text[i] === " ") i++;
    const blank = i >= lineEnd || text[i] === "#" || text[i] === "\r";
    let depth = flow;
    if (!blank && flow === 0) {
      while (indents.length && indents[indents.length - 1] >= i - lineStart) indents.pop();
      indents.push(i - lineStart);
      depth = indents.length;
      while ((text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || text[i + 1] === "\t")) {
        depth++;
        i += 2;
        while (text[i] === " ") i++;
      }
      if (depth > max) return i;
    }
    let quote: string | undefined;
    for (; i < lineEnd; i++) {
      const char = text[i];
      if (quote) {
        if (char === "\\" && quote === '"') i++;
        else if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === "#" && (i === lineStart || text[i - 1] === " ")) break;
      else if (char === "[" || char === "{") {
        flow++;
        if (depth + flow > max) return i;
      } else if ((char === "]" || char === "}") && flow > 0) flow--;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** How deep a decoded value nests, counted without recursion, stopping once past `max`. */
export function valueNestingExceeds(value: unknown, max = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A YAML error without the code frame the library appends: the frame quotes the document, which
 * may be a file that must not reach a report verbatim.
 */
export function yamlErrorSummary(error: {
  code?: string;
  message: string;
  linePos?: readonly { line: number; col: number }[];
}): string {
  const at = error.linePos?.[0];
  const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return `${first.slice(0, 120)}${at ? ` (line ${at.line}, column ${at.col})` : ""}`;
}
