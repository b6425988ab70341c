/** The DNS readers never throw, whatever bytes they are given (fixed seed; printed by fast-check on failure). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseNamedConf } from "../src/parsers/named-conf/parse-named-conf.js";
import { parseOctodnsConfig, parseOctodnsZone } from "../src/parsers/octodns/parse-octodns.js";
import { templateSyntaxAt } from "../src/parsers/zone/zone-template.js";
import { parseZone } from "../src/parsers/zone/parse-zone.js";

const PIECES = [
  "zone",
  '"example.org"',
  "{",
  "}",
  ";",
  "view",
  "acl",
  "include",
  "//",
  "/*",
  "*/",
  "#",
  "\n",
  "''",
  ":",
  "- ",
  "type: A",
  "values:",
  "  ",
  "{{",
  "%(x)s",
  "${",
  '"',
  "$INCLUDE x",
  "$GENERATE 1-3 h$ A 192.0.2.$",
  "@ IN SOA a b 1 2 3 4 5",
  "&a",
  "*a",
];

const input = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(" ")),
);

describe("DNS readers on arbitrary input", () => {
  it("named.conf, octoDNS, template detection and zone files never throw", () => {
    fc.assert(
      fc.property(input, (text) => {
        const file = new SourceFile("fuzz", text, "/fuzz");
        expect(() => parseNamedConf(file)).not.toThrow();
        expect(() => parseOctodnsConfig(file)).not.toThrow();
        expect(() => parseOctodnsZone(file)).not.toThrow();
        expect(() => templateSyntaxAt(text)).not.toThrow();
        expect(() => parseZone(file, { readInclude: () => "it is not read in this test" })).not.toThrow();
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it("named.conf nested beyond the limit is one diagnostic, not a stack overflow", () => {
    const text = `${"a { ".repeat(100_000)}`;
    const parsed = parseNamedConf(new SourceFile("deep.conf", text, "/deep.conf"));
    expect(parsed.errors.map((error) => error.message)).toContain("Blocks nest more than 64 deep.");
  });
});
