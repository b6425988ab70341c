/**
 * CSV as Terraform's `csvdecode` reads it (Go's encoding/csv with its defaults): fields split by
 * commas, records by newlines (CRLF as LF), double-quoted fields that may hold commas, newlines
 * and `""` for a quote, blank lines skipped, and every record as long as the first. Each field
 * keeps its span, so values decoded from a file in the repository can point back into it.
 */

export interface CsvField {
  value: string;
  start: number;
  end: number;
}

export interface CsvRecord {
  fields: CsvField[];
  start: number;
  end: number;
}

/** Fields read at most: a larger text is an error, not a value filling memory (a field is an object). */
export const MAX_CSV_FIELDS = 1_000_000;

/** The records of `text`, or what makes it not CSV (as Go's reader says it), or too large. */
export function parseCsv(text: string, maxFields = MAX_CSV_FIELDS): CsvRecord[] | { error: string } {
  const records: CsvRecord[] = [];
  let at = 0;
  let line = 1;
  let fields = 0;
  while (at < text.length) {
    // Blank lines are skipped.
    if (text[at] === "\n" || (text[at] === "\r" && text[at + 1] === "\n")) {
      at += text[at] === "\r" ? 2 : 1;
      line++;
      continue;
    }
    const record: CsvRecord = { fields: [], start: at, end: at };
    for (;;) {
      const field = text[at] === '"' ? quotedField(text, at) : bareField(text, at);
      if ("error" in field) return { error: `record on line ${line}: ${field.error}` };
      if (++fields > maxFields) return { error: `more than ${maxFields} fields` };
      record.fields.push(field);
      line += field.lines;
      at = field.next;
      if (text[at] === ",") {
        at++;
        continue;
      }
      record.end = field.end;
      // The record ends at a newline or at the end of the text.
      at += text[at] === "\r" ? 2 : text[at] === "\n" ? 1 : 0;
      line++;
      break;
    }
    if (records.length && record.fields.length !== records[0].fields.length)
      return { error: `record on line ${line - 1}: wrong number of fields` };
    records.push(record);
  }
  return records;
}

type FieldRead = CsvField & { next: number; lines: number };

function bareField(text: string, start: number): FieldRead | { error: string } {
  let at = start;
  while (at < text.length && text[at] !== "," && text[at] !== "\n" && !(text[at] === "\r" && text[at + 1] === "\n")) {
    if (text[at] === '"') return { error: 'bare " in non-quoted field' };
    at++;
  }
  return { value: text.slice(start, at), start, end: at, next: at, lines: 0 };
}

function quotedField(text: string, start: number): FieldRead | { error: string } {
  let value = "";
  let at = start + 1;
  let lines = 0;
  for (;;) {
    const close = text.indexOf('"', at);
    if (close < 0) return { error: 'extraneous or missing " in quoted-field' };
    const part = text.slice(at, close);
    lines += part.split("\n").length - 1;
    // Inside quotes too, a CRLF is read as LF.
    value += part.replace(/\r\n/g, "\n");
    if (text[close + 1] === '"') {
      value += '"';
      at = close + 2;
      continue;
    }
    const next = close + 1;
    if (
      next < text.length &&
      text[next] !== "," &&
      text[next] !== "\n" &&
      !(text[next] === "\r" && text[next + 1] === "\n")
    )
      return { error: 'extraneous or missing " in quoted-field' };
    return { value, start, end: next, next, lines };
  }
}
