/** Which files a scan reads, and as what. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyFile } from "../src/parsers/discover-files.js";

const directory = mkdtempSync(join(tmpdir(), "iflint-classify-"));

function classify(name: string, content: string | Buffer): string | undefined {
  const path = join(directory, name);
  writeFileSync(path, content);
  return classifyFile(path);
}

describe("zone files named after BIND's db convention", () => {
  it("are read as zones when they look like one", () => {
    expect(classify("db.example.org", "$TTL 3600\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n")).toBe("zone");
    expect(classify("example.org.db", "; records only, included from the main zone\nwww   300 IN A 192.0.2.1\n")).toBe(
      "zone",
    );
    expect(classify("db.fragment", "        IN  AAAA  2001:db8::1\n")).toBe("zone");
    expect(classify("any-name.zone", "whatever\n")).toBe("zone");
  });

  it("are not when they hold code, markup or binary data", () => {
    expect(classify("db.py", "import sqlite3\nimport a as b\nx: A = b\n")).toBeUndefined();
    expect(
      classify(
        "db.changelog-master.xml",
        '<?xml version="1.0"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"/>\n',
      ),
    ).toBeUndefined();
    expect(classify("db.go", 'package db\n\nimport "crypto/tls"\n')).toBeUndefined();
    expect(classify("app.db", Buffer.from("SQLite format 3\u0000\u0000\u0001 A b", "latin1"))).toBeUndefined();
  });
});
