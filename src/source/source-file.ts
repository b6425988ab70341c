/**
 * A file's text and the mapping from offsets to positions. Parsers record UTF-16 offsets only
 * (cheap); line, column and byte offset are computed on demand, once per reported node.
 */

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units (SARIF's default column kind). */
  column: number;
  /** 0-based byte offset in the UTF-8 file. */
  byte: number;
  /** 0-based UTF-16 offset in the decoded text. */
  offset: number;
}

/** A span of a file by UTF-16 offsets, as parsers record it. */
export interface Span {
  start: number;
  end: number;
  /** The file the span is in when it is not the file of the syntax tree holding it (a CDKTF prop passed in from another file). */
  file?: SourceFile;
}

/** A comment in a file; `text` includes the comment markers. Suppressions read them. */
export interface Comment extends Span {
  text: string;
}

export class SourceFile {
  private lineStartsCache: number[] | undefined;
  private lineByteStartsCache: number[] | undefined;
  private asciiCache: boolean | undefined;

  constructor(
    /** Path as shown to users: relative to the working directory, forward slashes. */
    readonly path: string,
    readonly text: string,
    /** Absolute path on disk (equal to `path` for in-memory sources). */
    readonly absolutePath: string = path,
    /** Length of a leading byte-order mark that was stripped from `text` (bytes). */
    readonly bomBytes = 0,
    /** Whether `text` is all ASCII, when the caller knows (decodeSource does); else found when first needed. */
    ascii?: boolean,
  ) {
    this.asciiCache = ascii;
  }

  /** Whether every character is ASCII (offsets are byte offsets), found when a byte offset is first asked for. */
  private get ascii(): boolean {
    // eslint-disable-next-line no-control-regex
    return (this.asciiCache ??= !/[^\x00-\x7f]/.test(this.text));
  }

  get lineStarts(): number[] {
    if (this.lineStartsCache) return this.lineStartsCache;
    const starts = [0];
    const text = this.text;
    if (text.indexOf("\r") < 0) {
      // Most files end lines with LF alone: a native search from each, not a look at every character.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.lineStartsCache = starts;
    return starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo];
    return { line: lo + 1, column: offset - lineStart + 1, byte: this.byteOffset(offset, lo), offset };
  }

  /** The text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const starts = this.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return "";
    let end = line < starts.length ? starts[line] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Bytes from the start to `offset` on 0-based line `line`: whole lines' byte counts are kept, so only the line is measured. */
  private byteOffset(offset: number, line: number): number {
    if (this.ascii) return offset + this.bomBytes;
    const lineStart = this.lineStarts[line];
    return this.lineByteStarts[line] + Buffer.byteLength(this.text.slice(lineStart, offset), "utf8") + this.bomBytes;
  }

  private get lineByteStarts(): number[] {
    if (this.lineByteStartsCache) return this.lineByteStartsCache;
    const starts = this.lineStarts;
    const bytes = [0];
    for (let line = 1; line < starts.length; line++)
      bytes.push(bytes[line - 1] + Buffer.byteLength(this.text.slice(starts[line - 1], starts[line]), "utf8"));
    this.lineByteStartsCache = bytes;
    return bytes;
  }
}

/** A span of a source file, by UTF-16 offsets; positions are derived lazily. */
export class SourceRange {
  constructor(
    readonly file: SourceFile,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.file.position(this.startOffset);
  }

  get end(): Position {
    return this.file.position(this.endOffset);
  }

  get text(): string {
    return this.file.text.slice(this.startOffset, this.endOffset);
  }
}

/** One decoder for every file (each `decode` call without `stream` starts afresh). */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes a file's bytes: strips a UTF-8 BOM and reports invalid UTF-8 instead of guessing. */
export function decodeSource(bytes: Uint8Array): {
  text: string;
  bomBytes: number;
  invalidUtf8At?: number;
  /** All ASCII: valid UTF-8 decodes to fewer UTF-16 units than bytes exactly when some character is not. */
  ascii?: boolean;
} {
  // UTF-16 with a byte-order mark: what PowerShell's `terraform show -json > plan.json` writes.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      text: new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2)),
      bomBytes: 2,
    };
  }
  let bomBytes = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bomBytes = 3;
  const body = bomBytes ? bytes.subarray(3) : bytes;
  try {
    const text = STRICT_UTF8.decode(body);
    return { text, bomBytes, ascii: text.length === body.length };
  } catch {
    const text = new TextDecoder("utf-8").decode(body);
    return { text, bomBytes, invalidUtf8At: Math.max(0, text.indexOf("\ufffd")) };
  }
}
