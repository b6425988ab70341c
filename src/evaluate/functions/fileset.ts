/**
 * Terraform's `fileset(path, pattern)`: the regular files under `path` whose path relative to it
 * matches a doublestar pattern (`*` and `?` within a name, `**` across directories, `[...]`
 * classes, `{a,b}` alternatives), sorted, with `/` between names. The pattern becomes an RE2
 * expression, so matching is linear however it is written (a pattern comes from the code scanned).
 */
import { re2jsLibrary } from "../../source/lazy-libraries.js";
import type { RE2JS } from "re2js";

/** The expression a doublestar pattern means, anchored at both ends; undefined when it is malformed. */
export function globExpression(pattern: string): string | undefined {
  let expression = "";
  let braces = 0;
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at];
    if (char === "*") {
      if (pattern[at + 1] === "*") {
        // `**/` is any number of whole directories; `**` elsewhere anything, separators too.
        if (pattern[at + 2] === "/" && (at === 0 || pattern[at - 1] === "/")) {
          expression += "(?:.*/)?";
          at += 2;
        } else {
          expression += ".*";
          at += 1;
        }
      } else expression += "[^/]*";
    } else if (char === "?") expression += "[^/]";
    else if (char === "[") {
      const close = pattern.indexOf("]", at + 1);
      let inside = close < 0 ? "" : pattern.slice(at + 1, close);
      const negated = inside.startsWith("!") || inside.startsWith("^");
      if (negated) inside = inside.slice(1);
      if (!inside) return undefined;
      // A class never matches the separator, negated or not.
      expression += `[${negated ? "^/" : ""}${inside.replace(/[[\]\\^]/g, (found) => `\\${found}`)}]`;
      at = close;
    } else if (char === "{") {
      braces++;
      expression += "(?:";
    } else if (char === "}" && braces > 0) {
      braces--;
      expression += ")";
    } else if (char === "," && braces > 0) expression += "|";
    else if (char === "\\" && at + 1 < pattern.length) {
      expression += escape(pattern[at + 1]);
      at++;
    } else expression += escape(char);
  }
  return braces === 0 ? `^${expression}$` : undefined;
}

function escape(char: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(char) ? `\\${char}` : char;
}

const compiled = new Map<string, RE2JS | undefined>();

/** The compiled pattern (memoised), or undefined when it is not a valid pattern. */
export function globMatcher(pattern: string): RE2JS | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const expression = globExpression(pattern);
  let matcher: RE2JS | undefined;
  try {
    matcher = expression === undefined ? undefined : re2jsLibrary().RE2JS.compile(expression);
  } catch {
    matcher = undefined;
  }
  if (compiled.size > 1000) compiled.clear();
  compiled.set(pattern, matcher);
  return matcher;
}
