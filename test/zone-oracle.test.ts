/**
 * Our zone parser against Debian's named-checkzone (BIND): every zone fixture and the IANA root
 * zone must give the same records (owner, TTL, type, data, canonicalised), and where BIND
 * rejects a file we must report a parse error too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseZone, zoneOriginFromFileName } from "../src/parsers/zone/parse-zone.js";
import { repoRoot } from "./support/rule-harness.js";

const hasNamedCheckzone = spawnSync("named-checkzone", ["-v"]).status === 0;
const zones = join(repoRoot, "fixtures", "zones");
const rootZone = resolve(repoRoot, "..", "shared", "corpus", "zones", "root.zone");

/**
 * Records compared as text: names and data lower-cased, quotes and white space inside data
 * dropped, and duplicates merged (BIND merges identical records of an RRset, RFC 2181).
 */
function canonical(owner: string, ttl: number | string, type: string, data: string): string {
  return `${owner.toLowerCase()} ${ttl} ${type.toUpperCase()} ${data.toLowerCase().replace(/["\s]/g, "")}`;
}

function ours(path: string, origin: string) {
  const file = new SourceFile(path, readFileSync(path, "utf8"), path);
  const readInclude = (include: string, from: SourceFile) => {
    const target = resolve(dirname(from.absolutePath), include);
    return existsSync(target) ? new SourceFile(target, readFileSync(target, "utf8"), target) : undefined;
  };
  const zone = parseZone(file, { origin, readInclude });
  return {
    zone,
    records: [
      ...new Set(zone.records.map((record) => canonical(record.owner, record.ttl, record.type, record.data.join(" ")))),
    ].sort(),
  };
}

function bind(path: string, origin: string): { ok: boolean; records: string[] } {
  const run = spawnSync("named-checkzone", ["-i", "none", "-D", "-o", "-", origin, path], {
    cwd: dirname(path),
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) return { ok: false, records: [] };
  const records = run.stdout
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith(";"))
    .map((line) => {
      const [owner, ttl, , type, ...data] = line.trim().split(/\s+/);
      return canonical(owner, ttl, type, data.join(" "));
    })
    .sort();
  return { ok: true, records: [...new Set(records)] };
}

describe.skipIf(!hasNamedCheckzone)("zone files: our parser vs named-checkzone", () => {
  const fixtures = readdirSync(zones).filter(
    (name) => name.endsWith(".zone") || name.endsWith(".db") || name.startsWith("db."),
  );

  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of fixtures) {
    it(name, () => {
      const path = join(zones, name);
      // The origin as iflint finds it ($ORIGIN, else the SOA owner, else the file name) is given to BIND.
      const origin = ours(path, "").zone.origin || zoneOriginFromFileName(name) || ".";
      const oracle = bind(path, origin);
      const { zone, records } = ours(path, origin);
      // Errors are what BIND refuses a zone for; warnings (kind set) what it loads anyway.
      const errors = zone.diagnostics.filter((diagnostic) => !diagnostic.kind);
      if (!oracle.ok) {
        expect(errors.length, "BIND rejects this zone, so must we").toBeGreaterThan(0);
        return;
      }
      // Integrity warnings are not compared here: `-i none` turns BIND's off (test/zone-load-integrity.test.ts compares them).
      expect(
        zone.diagnostics
          .filter((diagnostic) => diagnostic.kind !== "zone-integrity")
          .map((diagnostic) => diagnostic.detail),
      ).toEqual([]);
      expect(records).toEqual(oracle.records);
    });
  }

  it.skipIf(!existsSync(rootZone))("the IANA root zone: 19,598 records, no diagnostics, same as BIND", () => {
    const { zone, records } = ours(rootZone, ".");
    expect(zone.diagnostics).toEqual([]);
    expect(zone.records).toHaveLength(19_598);
    const oracle = bind(rootZone, ".");
    expect(oracle.ok).toBe(true);
    expect(records).toEqual(oracle.records);
  });
});

it("named-checkzone is installed where CI installs it", () => {
  if (process.env.CI) expect(execFileSync("named-checkzone", ["-v"], { encoding: "utf8" })).toMatch(/\d/);
});
