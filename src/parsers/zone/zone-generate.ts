/** BIND's `$GENERATE range lhs [ttl] [class] type rhs`, expanded into record tokens. */
import type { ZoneEntry, ZoneToken } from "./zone-tokenizer.js";

/** Larger ranges are refused rather than expanded (pathological input). */
const MAX_GENERATED = 65_536;
/** A name is at most 255 characters; rdata templates longer than this are not BIND's $GENERATE use. */
const MAX_TEMPLATE_LENGTH = 1024;

/** The records' tokens, or a reason the directive is invalid. */
export function expandGenerate(args: ZoneToken[], entry: ZoneEntry): ZoneToken[][] | string {
  const [range, ...template] = args;
  const match = range && /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(range.text);
  if (!match || template.length < 3) return "Expected $GENERATE start-stop[/step] lhs [ttl] [class] type rhs.";
  const start = Number(match[1]);
  const stop = Number(match[2]);
  const step = Number(match[3] ?? 1);
  if (stop < start || step < 1) return `The range ${range.text} is empty or runs backwards.`;
  if ((stop - start) / step + 1 > MAX_GENERATED)
    return `The range ${range.text} would generate more than ${MAX_GENERATED} records.`;
  if (template[0].text.length > MAX_TEMPLATE_LENGTH || template[template.length - 1].text.length > MAX_TEMPLATE_LENGTH)
    return `The owner or rdata template is longer than ${MAX_TEMPLATE_LENGTH} characters.`;
  const lines: ZoneToken[][] = [];
  for (let value = start; value <= stop; value += step) {
    lines.push(
      template.map((token, index) => ({
        ...token,
        text: index === 0 || index === template.length - 1 ? substitute(token.text, value) : token.text,
      })),
    );
  }
  void entry;
  return lines;
}

/** `$` → the value; `${offset,width,base}` → formatted; `\$` → a literal dollar. */
function substitute(text: string, value: number): string {
  return text.replace(
    /\\\$|\$\{(-?\d+)(?:,(\d+)(?:,([doxXnN]))?)?\}|\$/g,
    (whole, offset?: string, width?: string, base?: string) => {
      if (whole === "\\$") return "$";
      if (whole === "$") return String(value);
      const number = value + Number(offset ?? 0);
      const radix = base === "o" ? 8 : base === "x" || base === "X" ? 16 : 10;
      let formatted = number.toString(radix);
      if (base === "X") formatted = formatted.toUpperCase();
      return formatted.padStart(Number(width ?? 0), "0");
    },
  );
}
