/**
 * Zone files kept as templates (Jinja, Python `%` formatting, ERB, shell or Terraform `${}`) are
 * not zones until rendered: read as one, every placeholder is a parse error.
 */

/** File names of templates: `db.example.org.tmpl`, `example.org.zone.j2`. */
export const TEMPLATE_FILE_NAME = /\.(tmpl|j2|jinja2?|erb|tpl)$/i;

/** `{{ }}`, `{% %}`, `{# #}`, `%(name)s`, `<%= %>` and `${...}` (BIND uses `${` only in `$GENERATE`). */
const TEMPLATE_SYNTAX = /\{\{|\{%|\{#|%\([A-Za-z_]\w*\)[sdr]|<%|\$\{/;

/**
 * Where the first template placeholder is, outside comments and quoted strings (TXT data may hold
 * anything); undefined for a plain zone file. Linear in the text.
 */
export function templateSyntaxAt(text: string): { start: number; end: number } | undefined {
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (!/^\s*\$GENERATE\b/i.test(line)) {
      const found = placeholderIn(line);
      if (found !== undefined) return { start: lineStart + found.start, end: lineStart + found.end };
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function placeholderIn(line: string): { start: number; end: number } | undefined {
  let inQuotes = false;
  let segmentStart = 0;
  const check = (end: number) => {
    const match = TEMPLATE_SYNTAX.exec(line.slice(segmentStart, end));
    return match ? { start: segmentStart + match.index, end: segmentStart + match.index + match[0].length } : undefined;
  };
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (character === "\\") {
      index++;
      continue;
    }
    if (character === '"') {
      if (!inQuotes) {
        const found = check(index);
        if (found) return found;
      }
      inQuotes = !inQuotes;
      segmentStart = index + 1;
    } else if (character === ";" && !inQuotes) {
      return check(index);
    }
  }
  return inQuotes ? undefined : check(line.length);
}
