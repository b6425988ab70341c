/** Which files a scan reads, and as what. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyFile, discoverFiles, displayPath } from "../src/parsers/discover-files.js";

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

describe("display paths", () => {
  it("are what path.relative gives, with forward slashes, however the paths are spelled", () => {
    const cases: [string, string][] = [
      ["/work/estate/main.tf", "/work/estate"],
      ["/work/estate/a/b/main.tf", "/work/estate"],
      ["/work/estate", "/work/estate"],
      ["/work/estate-two/main.tf", "/work/estate"],
      ["/work/estate/./a/../main.tf", "/work/estate"],
      ["/work/estate//a/main.tf", "/work/estate"],
      ["/work/estate/a/..", "/work/estate"],
      ["/work/estate/..tf/main.tf", "/work/estate"],
      ["/work/estate/main.tf", "/work/estate/"],
      ["/work/estate/main.tf", "/work/./estate"],
      ["/work/estate/main.tf", "/"],
      ["/elsewhere/main.tf", "/work/estate"],
      ["/a/b/c/d/e/f/g/main.tf", "/z/y/x/w/v/u"],
    ];
    for (const [path, cwd] of cases) {
      const relativePath = relative(cwd, path);
      const expected =
        relativePath === ""
          ? "."
          : relativePath.startsWith("..") && relativePath.split(sep).length > 6
            ? path
            : relativePath;
      expect(displayPath(path, cwd), `${path} from ${cwd}`).toBe(expected.split(sep).join("/"));
    }
  });
});

describe("walking directories", () => {
  it("finds each directory once, through links and loops, by its real path", () => {
    const root = mkdtempSync(join(tmpdir(), "iflint-walk-"));
    mkdirSync(join(root, "a", "b"), { recursive: true });
    writeFileSync(join(root, "a", "b", "main.tf"), "");
    symlinkSync(join(root, "a"), join(root, "a", "b", "up"));
    symlinkSync(join(root, "a", "b"), join(root, "z-link"));
    const discovery = discoverFiles([root], root);
    expect(discovery.files.map((file) => file.displayPath)).toEqual(["a/b/main.tf"]);
    expect(discovery.warnings).toEqual([
      "a/b/up: symlink loop or repeated directory; skipped",
      "z-link: symlink loop or repeated directory; skipped",
    ]);
  });
});

describe("variables files", () => {
  it("are listed for each directory the walk reads, so loading a root need not list it again", () => {
    const root = mkdtempSync(join(tmpdir(), "iflint-tfvars-"));
    mkdirSync(join(root, "live", "b.auto.tfvars"), { recursive: true });
    mkdirSync(join(root, "module"));
    for (const name of ["main.tf", "terraform.tfvars", "terraform.tfvars.json", "a.auto.tfvars.json", "extra.tfvars"])
      writeFileSync(join(root, "live", name), "");
    writeFileSync(join(root, "module", "main.tf"), "");
    const names = discoverFiles([root], root).tfvarsNames;
    // Any entry so named, a directory too, as readdir lists it; not a file only --var-file names.
    expect(names?.get(join(root, "live"))).toEqual([
      "a.auto.tfvars.json",
      "b.auto.tfvars",
      "terraform.tfvars",
      "terraform.tfvars.json",
    ]);
    expect(names?.get(join(root, "module"))).toEqual([]);
    expect(names?.get(join(root, "elsewhere"))).toBeUndefined();
    rmSync(root, { recursive: true, force: true });
  });
});
