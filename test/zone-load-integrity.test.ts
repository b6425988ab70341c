/**
 * What BIND refuses or warns about as it loads a zone, beyond the syntax of each record: name
 * servers of the apex inside the zone without an address (refused), MX and SRV targets inside the
 * zone without one (a warning), DS digests of the wrong length (refused). Each case is checked
 * against Debian's named-checkzone when it is installed.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseZone } from "../src/parsers/zone/parse-zone.js";
import { findingsOf, repository } from "./support/dns-repository.js";

const hasNamedCheckzone = spawnSync("named-checkzone", ["-v"]).status === 0;

/** Lines 1 to 5; a case's records start on line 6. */
const HEADER =
  "$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n";

const SHA1 = "2BB183AF5F22588179A53B0A98631FAD1A292118";
const SHA256 = "E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766";
const SHA384 = SHA256 + SHA1.slice(0, 32);

function parse(body: string, options: { secondary?: boolean } = {}) {
  const text = HEADER + body;
  const file = new SourceFile("example.org.zone", text, "/zones/example.org.zone");
  const zone = parseZone(file, { origin: "example.org.", ...options });
  return {
    text,
    zone,
    /** `line:column kind summary`, errors as `error`. */
    diagnostics: zone.diagnostics.map((diagnostic) => {
      const at = file.position(diagnostic.start);
      return `${at.line}:${at.column} ${diagnostic.kind ?? "error"} ${diagnostic.summary}`;
    }),
  };
}

/** named-checkzone with in-zone integrity checks (named's own, no lookups): whether it loads, and its MX/SRV warnings. */
function bind(text: string): { loads: boolean; warnings: string[] } {
  const directory = mkdtempSync(join(tmpdir(), "iflint-integrity-"));
  writeFileSync(join(directory, "zone"), text);
  const run = spawnSync("named-checkzone", ["-i", "local", "example.org", join(directory, "zone")], {
    encoding: "utf8",
  });
  const warnings = [...`${run.stdout}${run.stderr}`.matchAll(/\/(MX|SRV) '([^']+)' (has no address|is a CNAME)/g)].map(
    ([, type, target]) => `${type} ${target.toLowerCase()}.`,
  );
  return { loads: run.status === 0, warnings: warnings.sort() };
}

const CASES: { name: string; body: string; expected: string[] }[] = [
  {
    name: "a name server written without its final dot is inside the zone, with no address",
    body: "@ IN NS ns2.example.com\n",
    expected: ["6:1 error NS target has no address records"],
  },
  { name: "a name server with only an AAAA record", body: "@ IN NS ns2\nns2 IN AAAA 2001:db8::2\n", expected: [] },
  { name: "a name server spelled in other cases", body: "@ IN NS Ns2\nNS2 IN A 192.0.2.2\n", expected: [] },
  { name: "a name server a wildcard gives an address", body: "@ IN NS ns2\n* IN A 192.0.2.9\n", expected: [] },
  {
    name: "a name server a wildcard gives no address",
    body: '@ IN NS ns2\n* IN TXT "x"\n',
    expected: ["6:1 error NS target has no address records"],
  },
  {
    name: "a name server with other records only",
    body: '@ IN NS ns2\nns2 IN TXT "x"\n',
    expected: ["6:1 error NS target has no address records"],
  },
  {
    name: "a name server that is an empty non-terminal (a wildcard does not answer a name that exists)",
    body: "@ IN NS ns2\nx.ns2 IN A 192.0.2.1\n* IN A 192.0.2.9\n",
    expected: ["6:1 error NS target has no address records"],
  },
  {
    name: "a name server answered by the wildcard below its closest encloser",
    body: "@ IN NS a.b\nc.b IN A 192.0.2.1\n*.b IN A 192.0.2.2\n",
    expected: [],
  },
  {
    name: "a name server that is a CNAME",
    body: "@ IN NS ns2\nns2 IN CNAME ns1\n",
    expected: ["6:1 error NS target is a CNAME"],
  },
  {
    name: "a name server below a DNAME",
    body: "@ IN NS ns.d\nd IN DNAME example.net.\n",
    expected: ["6:1 error NS target is below a DNAME"],
  },
  {
    name: "a name server in a delegated child zone (its glue is the child's business)",
    body: "@ IN NS ns.sub\nsub IN NS ns1\n",
    expected: [],
  },
  {
    name: "the apex itself, with no address",
    body: "@ IN NS @\n",
    expected: ["6:1 error NS target has no address records"],
  },
  { name: "a name server outside the zone", body: "@ IN NS ns.example.net.\n", expected: [] },
  {
    name: "MX and SRV targets in the zone without an address are warnings; null targets, delegated names and outside names are not",
    body: "@ IN MX 10 mail\n@ IN MX 20 mx2\nmx2 IN CNAME ns1\n@ IN MX 0 .\n_sip._tcp IN SRV 0 0 5060 sip\n_x._tcp IN SRV 0 0 0 .\nlab IN NS ns1\nhost.lab IN MX 1 nothere\n@ IN MX 30 mx.example.net.\n",
    expected: [
      "6:1 zone-integrity MX target has no address records",
      "7:1 zone-integrity MX target is a CNAME",
      "10:1 zone-integrity SRV target has no address records",
    ],
  },
  {
    name: "a DS digest shorter than its digest type's",
    body: `sub IN NS ns1\nsub IN DS 12345 13 2 ${SHA1}\n`,
    expected: ["7:22 error wrong digest length"],
  },
  {
    name: "a DS digest longer than its digest type's, in two parts",
    body: `sub IN NS ns1\nsub IN DS 12345 13 1 ( ${SHA256.slice(0, 32)}\n ${SHA256.slice(32)} )\n`,
    expected: ["7:24 error wrong digest length"],
  },
  {
    name: "DS digests of SHA-1, SHA-256 and SHA-384, with mnemonics; GOST's length is not checked",
    body: `sub IN NS ns1\nsub IN DS 1 ECDSAP256SHA256 SHA-256 ${SHA256}\nsub IN DS 2 13 1 ${SHA1}\nsub IN DS 3 rsasha256 sha384 ${SHA384}\nsub IN DS 4 13 3 ${SHA1}\n`,
    expected: [],
  },
  {
    name: "a CDS digest of the wrong length",
    body: `@ IN CDS 12345 13 4 ${SHA256}\n`,
    expected: ["6:21 error wrong digest length"],
  },
];

describe("load-time integrity", () => {
  for (const { name, body, expected } of CASES)
    it(name, () => {
      expect(parse(body).diagnostics).toEqual(expected);
    });

  it("says what BIND says, and the name as BIND reads it", () => {
    expect(parse("@ IN NS ns2.example.com\n").zone.diagnostics.map((diagnostic) => diagnostic.detail)).toEqual([
      "NS record example.org. names ns2.example.com.example.org. (ns2.example.com is written without a final dot, so it is relative to the origin), which is inside the zone and has no address records (A or AAAA): BIND refuses to load the zone.",
    ]);
    expect(parse(`sub IN DS 12345 13 2 ${SHA1}\n`).zone.diagnostics.map((diagnostic) => diagnostic.detail)).toEqual([
      "Expected a SHA-256 digest of 32 bytes (64 hex digits) in the DS record (digest type 2), but found 20.",
    ]);
  });

  it("reads DNSSEC mnemonics as the numbers BIND prints", () => {
    const { zone } = parse(`sub IN DS 1 ECDSAP256SHA256 SHA-256 ${SHA256}\n@ IN DNSKEY 257 3 ed25519 AAAA\n`);
    expect(zone.records.slice(-2).map((record) => `${record.type} ${record.data.slice(0, 3).join(" ")}`)).toEqual([
      "DS 1 13 2",
      "DNSKEY 257 3 15",
    ]);
  });

  it("tells nothing absent from a zone part of which was not read", () => {
    expect(parse("@ IN NS ns2\n$INCLUDE servers.inc\n").diagnostics).toEqual([
      "7:1 include-not-read $INCLUDE not read",
    ]);
  });

  it("loads a secondary's copy with a warning for its name servers, as BIND does", () => {
    expect(parse("@ IN NS ns2.example.com\n", { secondary: true }).diagnostics).toEqual([
      "6:1 zone-integrity NS target has no address records",
    ]);
  });

  describe.skipIf(!hasNamedCheckzone)("as named-checkzone loads each case", () => {
    for (const { name, body } of CASES)
      it(name, () => {
        const { text, zone } = parse(body);
        const oracle = bind(text);
        expect(
          zone.diagnostics.some((diagnostic) => !diagnostic.kind),
          "refused by BIND, an error here",
        ).toBe(!oracle.loads);
        const warnings = zone.diagnostics
          .filter((diagnostic) => diagnostic.kind === "zone-integrity")
          .map((diagnostic) => {
            const record = zone.records.find((found) => found.start === diagnostic.start)!;
            return `${record.type} ${record.data[record.type === "MX" ? 1 : 3].toLowerCase()}`;
          })
          .sort();
        expect(warnings).toEqual(oracle.warnings);
      });
  });
});

describe("a zone BIND refuses to load", () => {
  it("is reported at the offending record, and judged as written, as for any zone BIND refuses", () => {
    const directory = repository({
      "example-trust.nhs.uk.zone":
        "$ORIGIN example-trust.nhs.uk.\n$TTL 3600\n@ IN SOA ns1.dns.nhs.uk. hostmaster 1 7200 3600 1209600 300\n" +
        '@ IN NS ns1.dns.nhs.uk.\n@ IN NS ns2.dns.nhs.uk\n@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n' +
        "@ IN MX 10 mail\nwww IN AAAA 2001:db8::80\nrota IN A 10.84.12.20\n",
    });
    expect(findingsOf(directory)).toEqual([
      "example-trust.nhs.uk.zone:5:1 parse-error NS target has no address records: NS record example-trust.nhs.uk. names ns2.dns.nhs.uk.example-trust.nhs.uk. (ns2.dns.nhs.uk is written without a final dot, so it is relative to the origin), which is inside the zone and has no address records (A or AAAA): BIND refuses to load the zone.",
      "example-trust.nhs.uk.zone:8:1 zone-integrity MX target has no address records: MX record example-trust.nhs.uk. names mail.example-trust.nhs.uk., which is inside the zone and has no address records (A or AAAA): BIND loads the zone with a warning.",
      "example-trust.nhs.uk.zone:10:11 IFL-ADDR-003 A record rota.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 10.84.12.20 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });
});
