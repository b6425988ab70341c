import { describe, expect, it } from "vitest";
import { SourceFile, decodeSource } from "../src/source/source-file.js";

describe("SourceFile positions", () => {
  it("gives the UTF-8 byte offset of every offset in a file with multi-byte characters on several lines", () => {
    const text = 'a = "é"\r\nb = "—ok"\n\rc = "𝄞"\nd = 1';
    const file = new SourceFile("x.tf", text, "x.tf", 3);
    for (let offset = 0; offset <= text.length; offset++)
      expect(file.position(offset).byte, `offset ${offset}`).toBe(Buffer.byteLength(text.slice(0, offset)) + 3);
    expect(file.position(text.indexOf("d"))).toMatchObject({ line: 5, column: 1 });
  });

  it("gives the same byte offsets for a decoded file, told whether it is ASCII, as for one that finds out itself", () => {
    for (const [text, ascii] of [
      ['a = "x"\nb = 1', true],
      ['a = "x"\r\nb = "y"\r\n', true],
      ['a = "é"\nb = "𝄞"', false],
    ] as const) {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      const decoded = decodeSource(bytes);
      expect(decoded.ascii).toBe(ascii);
      const told = new SourceFile("x.tf", decoded.text, "x.tf", decoded.bomBytes, decoded.ascii);
      const found = new SourceFile("x.tf", decoded.text, "x.tf", decoded.bomBytes);
      for (let offset = 0; offset <= decoded.text.length; offset++) {
        expect(told.position(offset).byte).toBe(Buffer.byteLength(decoded.text.slice(0, offset)) + 3);
        expect(told.position(offset)).toEqual(found.position(offset));
      }
    }
    // Invalid UTF-8 is never called ASCII: its replacement characters are not the bytes they stand for.
    expect(decodeSource(Buffer.from([0x61, 0xff, 0x62])).ascii).toBeUndefined();
  });
});
