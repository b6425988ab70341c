import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";

describe("SourceFile positions", () => {
  it("gives the UTF-8 byte offset of every offset in a file with multi-byte characters on several lines", () => {
    const text = 'a = "é"\r\nb = "—ok"\n\rc = "𝄞"\nd = 1';
    const file = new SourceFile("x.tf", text, "x.tf", 3);
    for (let offset = 0; offset <= text.length; offset++)
      expect(file.position(offset).byte, `offset ${offset}`).toBe(Buffer.byteLength(text.slice(0, offset)) + 3);
    expect(file.position(text.indexOf("d"))).toMatchObject({ line: 5, column: 1 });
  });
});
