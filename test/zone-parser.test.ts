/** Zone file parsing: inheritance rules, directives, positions and error recovery. */
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseZone, zoneOriginFromFileName } from "../src/parsers/zone/parse-zone.js";

function zone(text: string, includes: Record<string, string> = {}) {
  const file = new SourceFile("example.org.zone", text, "/zones/example.org.zone");
  const parsed = parseZone(file, {
    readInclude: (path) => (path in includes ? new SourceFile(path, includes[path], `/zones/${path}`) : undefined),
  });
  const line = (offset: number, source = file) => source.position(offset).line;
  return {
    parsed,
    line,
    rows: parsed.records.map(
      (record) =>
        `${line(record.start, record.file)} ${record.owner} ${record.ttl} ${record.class} ${record.type} ${record.data.join(" ")}`,
    ),
  };
}

describe("zone parser", () => {
  it("inherits owner, TTL and class as BIND does, with TTL units and either order", () => {
    const { rows } = zone(
      "$ORIGIN example.org.\n$TTL 1h\n@ IN SOA ns hostmaster 1 2h 1h 1w 5m\n  NS ns\nns 300 IN A 192.0.2.1\n   IN 600 AAAA 2001:DB8::1\nwww CNAME @\n",
    );
    expect(rows).toEqual([
      "3 example.org. 3600 IN SOA ns.example.org. hostmaster.example.org. 1 7200 3600 604800 300",
      "4 example.org. 3600 IN NS ns.example.org.",
      "5 ns.example.org. 300 IN A 192.0.2.1",
      "6 ns.example.org. 600 IN AAAA 2001:db8::1",
      "7 www.example.org. 3600 IN CNAME example.org.",
    ]);
  });

  it("joins parenthesised lines and keeps quoted strings with escapes and semicolons", () => {
    const { rows, parsed } = zone('@ 60 IN SOA ns h (\n 1 ; serial\n 2 3 4 5 )\ntxt 60 TXT "a ; b" "c\\"d" \\065\n');
    expect(rows[1]).toBe('4 txt.example.org. 60 IN TXT a ; b c\\"d \\065');
    expect(parsed.comments.map((comment) => comment.text)).toEqual(["; serial"]);
  });

  it("reports a bad record at its line and reads the rest", () => {
    const { parsed, line, rows } = zone(
      "@ 60 IN SOA ns h 1 2 3 4 5\nbad 60 A 999.1.1.1\nworse 60 A 010.0.0.1\nv6 60 AAAA 2001:db8::zz\ngood 60 A 192.0.2.7\n",
    );
    expect(parsed.diagnostics.map((diagnostic) => `${line(diagnostic.start)} ${diagnostic.summary}`)).toEqual([
      "2 bad dotted quad",
      "3 bad dotted quad",
      "4 bad IPv6 address",
    ]);
    expect(rows.at(-1)).toBe("5 good.example.org. 60 IN A 192.0.2.7");
  });

  it("includes files with their own origin, and detects cycles and files it may not read", () => {
    const { parsed, rows } = zone(
      "@ 60 IN SOA ns h 1 2 3 4 5\n$INCLUDE sub.inc sub.example.org.\n$INCLUDE loop.inc\n$INCLUDE /etc/passwd\n",
      { "sub.inc": "host 60 A 192.0.2.9\n", "loop.inc": "$INCLUDE loop.inc\n" },
    );
    expect(rows).toContain("1 host.sub.example.org. 60 IN A 192.0.2.9");
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.summary)).toEqual(["$INCLUDE cycle", "$INCLUDE not read"]);
  });

  it("expands $GENERATE with offsets, widths and bases, and refuses huge ranges", () => {
    const { rows, parsed } = zone(
      "@ 60 IN SOA ns h 1 2 3 4 5\n$GENERATE 1-2 host-${10,3,x} 60 A 192.0.2.$\n$GENERATE 1-100000 h$ A 192.0.2.1\n",
    );
    expect(rows.slice(1)).toEqual([
      "2 host-00b.example.org. 60 IN A 192.0.2.1",
      "2 host-00c.example.org. 60 IN A 192.0.2.2",
    ]);
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.summary)).toEqual(["bad $GENERATE"]);
  });

  it("reads unknown types in RFC 3597 form and rejects unknown directives", () => {
    const { rows, parsed } = zone("@ 60 IN SOA ns h 1 2 3 4 5\nx 60 TYPE65534 \\# 2 0A0B\n$FOO bar\n");
    expect(rows[1]).toBe("2 x.example.org. 60 IN TYPE65534 \\# 2 0A0B");
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.summary)).toEqual(["unknown directive"]);
  });

  it("takes the origin from $ORIGIN, else the SOA owner, else the file name", () => {
    expect(zoneOriginFromFileName("zones/example.org.zone")).toBe("example.org.");
    expect(zoneOriginFromFileName("db.example.org")).toBe("example.org.");
    expect(zoneOriginFromFileName("named.conf")).toBeUndefined();
    // A zoneFiles match named after its zone; BIND's numeric names are reverse zones.
    expect(zoneOriginFromFileName("zones/example.org")).toBe("example.org.");
    expect(zoneOriginFromFileName("etc/bind/db.192.168")).toBe("168.192.in-addr.arpa.");
    expect(zoneOriginFromFileName("db.127")).toBe("127.in-addr.arpa.");
    expect(zone("$ORIGIN other.org.\n@ 60 IN SOA ns h 1 2 3 4 5\n").parsed.origin).toBe("other.org.");
    expect(zone("$ORIGIN other.org.\nwww 60 IN A 192.0.2.1\n").parsed.origin).toBe("other.org.");
    // named-compilezone writes `$ORIGIN .` and absolute owners: the SOA says where the apex is.
    expect(zone("$ORIGIN .\nexample.com 60 IN SOA ns.example.com. h.example.com. 1 2 3 4 5\n").parsed.origin).toBe(
      "example.com.",
    );
  });

  it("never throws on garbage", () => {
    const text = Array.from({ length: 2000 }, (_, index) => String.fromCharCode((index * 7919) % 256)).join("");
    expect(() => zone(text)).not.toThrow();
  });
});
