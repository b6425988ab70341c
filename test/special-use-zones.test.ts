/** Zones the internet never serves are not judged as public, however they are written. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { isNeverPublicZone } from "../src/model/special-use-zones.js";
import { scan } from "../src/scan.js";

describe("zones the internet never serves", () => {
  it.each([
    ["localhost.", true],
    ["localhost-reverse.", true],
    ["lab.local.", true],
    ["corp.internal", true],
    ["home.arpa.", true],
    ["10.in-addr.arpa.", true],
    ["8.10.in-addr.arpa.", true],
    ["20.172.in-addr.arpa.", true],
    ["168.192.in-addr.arpa.", true],
    ["127.in-addr.arpa.", true],
    ["d.f.ip6.arpa.", true],
    ["resolver.arpa.", true],
    ["example-trust.nhs.uk.", false],
    ["local.example.org.", false],
    ["32.172.in-addr.arpa.", false],
    ["2.0.192.in-addr.arpa.", true],
    ["113.0.203.in-addr.arpa.", true],
    ["255.in-addr.arpa.", true],
  ])("%s: %s", (origin, expected) => {
    expect(isNeverPublicZone(origin)).toBe(expected);
  });

  it("get no public-zone findings: a lab's .local zone, Debian's stock db.local and db.127, a private reverse zone", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-special-zones-"));
    const soa = "@ 3600 IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ 3600 IN NS ns1\n";
    writeFileSync(
      join(directory, "db.lab.local"),
      `$ORIGIN lab.local.\n${soa}ns1 IN A 10.0.0.2\nwww IN CNAME ns1.lab.local.\n`,
    );
    writeFileSync(
      join(directory, "db.local"),
      `$TTL 604800\n${soa.replace("ns1", "localhost.").replace("@ 3600 IN NS ns1", "@ IN NS localhost.")}@ IN A 127.0.0.1\n@ IN AAAA ::1\n`,
    );
    writeFileSync(
      join(directory, "db.127"),
      `$TTL 604800\n@ IN SOA localhost. root.localhost. 1 604800 86400 2419200 604800\n@ IN NS localhost.\n1.0.0 IN PTR localhost.\n`,
    );
    writeFileSync(
      join(directory, "db.10.8"),
      `$TTL 3600\n@ IN SOA ns1.example-trust.nhs.uk. hostmaster.example-trust.nhs.uk. 1 3600 900 604800 300\n@ IN NS ns1.example-trust.nhs.uk.\n5.0 IN PTR pas.example-trust.nhs.uk.\n`,
    );
    const result = scan({
      paths: [directory],
      cwd: directory,
      rules: allRules.filter((rule) => /^IFL-(DNS|ADDR)-/.test(rule.meta.id)),
    });
    expect(result.estate.zones.map((zone) => [zone.origin, zone.isPrivate])).toEqual(
      expect.arrayContaining([
        ["lab.local.", true],
        ["local.", true],
        ["127.in-addr.arpa.", true],
        ["8.10.in-addr.arpa.", true],
      ]),
    );
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.range.file.path}`)).toEqual([]);
  });
});
