/** Minimal globs for configuration: `**` (any directories), `*` (within a segment), `?`. */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let pattern = cache.get(glob);
  if (pattern) return pattern;
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*" && glob[i + 1] === "*") {
      source += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  pattern = new RegExp(`^${source}$`, "i");
  cache.set(glob, pattern);
  return pattern;
}

export function matchesGlob(text: string, glob: string): boolean {
  return globToRegExp(glob).test(text);
}
