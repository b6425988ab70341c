/**
 * BIND's configuration grammar (named.conf and the files it includes): statements of words,
 * quoted strings and `{ ... }` blocks, each ended by `;`, with C, C++ and shell comments. The
 * parser knows no statement names: what a statement means is read from the tree.
 */
import type { SourceFile } from "../../source/source-file.js";

export interface ConfToken {
  /** The text (a quoted string without its quotes). */
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

export interface ConfStatement {
  /** Words and strings in order (`zone`, `"example.org"`, `IN`). */
  words: ConfToken[];
  /** The `{ ... }` blocks, in order. */
  blocks: ConfStatement[][];
  start: number;
  end: number;
}

export interface ConfError {
  start: number;
  end: number;
  message: string;
}

export interface ParsedConf {
  file: SourceFile;
  statements: ConfStatement[];
  errors: ConfError[];
}

type Token = ConfToken & { punctuation?: "{" | "}" | ";" };

/** Deeper nesting than any real configuration is refused rather than recursed into. */
const MAX_DEPTH = 64;

function tokenize(text: string, errors: ConfError[]): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  const length = text.length;
  while (position < length) {
    const character = text[position];
    if (character === " " || character === "\t" || character === "\n" || character === "\r") {
      position++;
    } else if (character === "#" || (character === "/" && text[position + 1] === "/")) {
      while (position < length && text[position] !== "\n") position++;
    } else if (character === "/" && text[position + 1] === "*") {
      const end = text.indexOf("*/", position + 2);
      if (end < 0) {
        errors.push({ start: position, end: position + 2, message: "Expected */ to close this comment." });
        position = length;
      } else position = end + 2;
    } else if (character === "{" || character === "}" || character === ";") {
      tokens.push({ text: character, quoted: false, start: position, end: position + 1, punctuation: character });
      position++;
    } else if (character === '"') {
      const start = position++;
      while (position < length && text[position] !== '"') position += text[position] === "\\" ? 2 : 1;
      if (position >= length) {
        errors.push({ start, end: start + 1, message: "Expected a closing quote for this string." });
        return tokens;
      }
      position++;
      tokens.push({ text: text.slice(start + 1, position - 1), quoted: true, start, end: position });
    } else {
      const start = position;
      while (position < length && !/[\s{};"#]/.test(text[position]) && !text.startsWith("//", position)) position++;
      tokens.push({ text: text.slice(start, position), quoted: false, start, end: position });
    }
  }
  return tokens;
}

export function parseNamedConf(file: SourceFile): ParsedConf {
  const errors: ConfError[] = [];
  const tokens = tokenize(file.text, errors);
  let index = 0;

  const statementsUntilClose = (depth: number, open?: Token): ConfStatement[] => {
    const statements: ConfStatement[] = [];
    while (index < tokens.length) {
      const token = tokens[index];
      if (token.punctuation === "}") {
        if (open) {
          index++;
          return statements;
        }
        errors.push({ start: token.start, end: token.end, message: 'Found "}" with no "{" open.' });
        index++;
        continue;
      }
      if (token.punctuation === ";") {
        index++; // An empty statement.
        continue;
      }
      const statement: ConfStatement = { words: [], blocks: [], start: token.start, end: token.end };
      for (;;) {
        const next = tokens[index];
        if (!next) {
          errors.push({ start: statement.start, end: statement.end, message: 'Expected ";" to end this statement.' });
          return statements;
        }
        if (next.punctuation === ";") {
          statement.end = next.end;
          index++;
          break;
        }
        if (next.punctuation === "}") {
          errors.push({ start: next.start, end: next.end, message: 'Expected ";" before "}".' });
          break;
        }
        if (next.punctuation === "{") {
          index++;
          if (depth >= MAX_DEPTH) {
            errors.push({ start: next.start, end: next.end, message: `Blocks nest more than ${MAX_DEPTH} deep.` });
            index = tokens.length;
            return statements;
          }
          statement.blocks.push(statementsUntilClose(depth + 1, next));
          statement.end = tokens[index - 1]?.end ?? next.end;
          continue;
        }
        statement.words.push(next);
        statement.end = next.end;
        index++;
      }
      statements.push(statement);
    }
    if (open) errors.push({ start: open.start, end: open.end, message: 'Expected "}" to close this "{".' });
    return statements;
  };

  const statements = statementsUntilClose(0);
  return { file, statements, errors };
}
