/** DNS as operators keep it: fragments, templates, internal TLDs, unknown origins, $INCLUDE confinement and limits. */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import { scan } from "../src/scan.js";
import { tldsOfRootZone, undelegatedTld } from "../src/model/delegated-tlds.js";
import { findingsOf, repository } from "./support/dns-repository.js";

const SOA = "@ 3600 IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ 3600 IN NS ns1.dns.nhs.uk.\n";

describe("a file reached by $INCLUDE", () => {
  it("is a fragment of the including zone, never a zone of its own", () => {
    const directory = repository({
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n$INCLUDE db.trust\n`,
      "db.trust": "www 300 IN A 10.1.2.3\n",
    });
    expect(findingsOf(directory)).toEqual([
      "db.example-trust.nhs.uk:2:1 IFL-DNS-004 Zone example-trust.nhs.uk. has no DNSKEY record at its apex, so it is not DNSSEC-signed (unless your DNS provider signs it when serving it).",
      "db.trust:1:14 IFL-ADDR-003 A record www.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 10.1.2.3 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });

  it("resolves the same way however the scan is invoked: from the parent, from inside, with several paths", () => {
    const directory = repository({
      "zones/db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n$INCLUDE ../common/db.common\n`,
      "common/db.common": "www 300 IN A 192.0.2.10\n",
    });
    const expected = ["common/db.common:1:1 IFL-DNS-003", "zones/db.example-trust.nhs.uk:2:1 IFL-DNS-004"];
    const short = (lines: string[]) => lines.map((line) => line.split(" ").slice(0, 2).join(" "));
    expect(short(findingsOf(directory))).toEqual(expected);
    expect(short(findingsOf(directory, { paths: ["zones"] }))).toEqual(expected);
    expect(short(findingsOf(directory, { paths: ["zones", "common"] }))).toEqual(expected);
    expect(short(findingsOf(join(directory, "zones"), { cwd: directory, paths: ["zones"] }))).toEqual(expected);
  });

  it("when missing, outside the repository or a special file, is one warning at the $INCLUDE line", () => {
    const outside = mkdtempSync(join(tmpdir(), "iflint-dns-outside-"));
    writeFileSync(join(outside, "secret"), "leaked 300 IN A 192.0.2.99\n");
    const directory = repository({
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n$INCLUDE missing.inc\n$INCLUDE link.inc\n$INCLUDE /dev/zero\n`,
    });
    symlinkSync(join(outside, "secret"), join(directory, "link.inc"));
    const findings = findingsOf(directory);
    expect(findings).toEqual([
      "db.example-trust.nhs.uk:6:1 include-not-read $INCLUDE not read: missing.inc is not read (it does not exist), so the zone is checked without it.",
      "db.example-trust.nhs.uk:7:1 include-not-read $INCLUDE not read: link.inc is not read (it lies outside the scanned paths and the repository), so the zone is checked without it.",
      "db.example-trust.nhs.uk:8:1 include-not-read $INCLUDE not read: /dev/zero is not read (it lies outside the scanned paths and the repository), so the zone is checked without it.",
    ]);
    expect(findings.join("\n")).not.toContain("192.0.2.99");
  });

  it("that is a FIFO inside the repository is never opened", () => {
    const directory = repository({
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n$INCLUDE pipe\n`,
    });
    execFileSync("mkfifo", [join(directory, "pipe")]);
    expect(findingsOf(directory)).toEqual([
      "db.example-trust.nhs.uk:6:1 include-not-read $INCLUDE not read: pipe is not read (it is not a regular file), so the zone is checked without it.",
    ]);
  });
});

describe("out-of-zone data", () => {
  it("is a warning, as BIND ignores it, and never judged as the zone's", () => {
    const directory = repository({
      "example-trust.nhs.uk.zone": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n@ IN AAAA 2001:db8::1\nother.example.com. IN A 10.1.1.1\nns1.example.net. IN A 192.0.2.53\nwww.EXAMPLE-trust.nhs.uk. IN AAAA 2001:db8::2\n`,
    });
    expect(findingsOf(directory)).toEqual([
      "example-trust.nhs.uk.zone:7:1 out-of-zone-data out-of-zone data: other.example.com. is not in zone example-trust.nhs.uk.: a name server ignores this record, so it is not judged.",
      "example-trust.nhs.uk.zone:8:1 out-of-zone-data out-of-zone data: ns1.example.net. is not in zone example-trust.nhs.uk.: a name server ignores this record, so it is not judged.",
    ]);
  });
});

describe("limits", () => {
  it("eight levels each including the next twice stop at the depth limit with one warning", () => {
    const files: Record<string, string> = {
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n$INCLUDE l1.inc\n`,
    };
    for (let level = 1; level <= 12; level++)
      files[`l${level}.inc`] =
        `$INCLUDE l${level + 1}.inc\n$INCLUDE l${level + 1}.inc\nh${level} 300 IN AAAA 2001:db8::1\n`;
    files["l13.inc"] = "leaf 300 IN AAAA 2001:db8::2\n";
    const findings = findingsOf(repository(files));
    expect(findings).toEqual([
      "l8.inc:1:1 zone-limit $INCLUDE too deep: Files are included more than 8 levels deep; the rest of the zone is not read.",
    ]);
  });

  it("$GENERATE refuses huge owners", () => {
    const directory = repository({
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}$GENERATE 1-65536 ${"a".repeat(100_000)}$ A 192.0.2.1\n`,
    });
    const findings = findingsOf(directory, {});
    expect(findings.filter((line) => line.includes("GENERATE"))).toEqual([
      "db.example-trust.nhs.uk:4:1 parse-error bad $GENERATE: The owner or rdata template is longer than 1024 characters.",
    ]);
  });
});

describe("templates", () => {
  const template = `$TTL 3600\n@ IN SOA ns1 hostmaster ( {{ serial }} 3600 900 604800 300 )\nwww IN A {{ www_address }}\n`;

  it("are not read as zones when only a file-name pattern finds them", () => {
    const directory = repository({
      "zones/example-trust.nhs.uk.zone": template,
      "db.example-trust.nhs.uk.tmpl": template,
      "db.other.nhs.uk": `{%- set zone = 'other.nhs.uk' -%}\n${template}`,
      "db.third.nhs.uk": "$TTL 3600\n@ IN SOA ns1 hostmaster ( @SERIAL@ 3600 900 604800 300 )\nwww IN A 10.0.0.1\n",
    });
    expect(findingsOf(directory)).toEqual([]);
  });

  it("named by zoneFiles are one warning each, not parse errors", () => {
    const directory = repository({ "templates/example-trust.nhs.uk": template, "templates/lang.tmpl": "x\n" });
    expect(findingsOf(directory, { config: { zoneFiles: ["templates/*"] } })).toEqual([
      "templates/example-trust.nhs.uk:2:27 zone-template zone template: The file is a template (placeholders such as {{ }}, {% %}, %(name)s, <%= %> or ${...}), not a zone file: scan the rendered zone instead.",
      "templates/lang.tmpl:1:1 zone-template zone template: The file is a template (placeholders such as {{ }}, {% %}, %(name)s, <%= %> or ${...}), not a zone file: scan the rendered zone instead.",
    ]);
  });

  it("in TXT data, comments or $GENERATE do not make a file a template", () => {
    const directory = repository({
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}; managed by {{ ansible }}\n@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n@ IN TXT "v=spf1 \${x} {{y}}"\n$GENERATE 1-2 h\${0,2} AAAA 2001:db8::$\n`,
    });
    expect(findingsOf(directory)).toEqual([]);
  });
});

describe("public means delegated", () => {
  it("a zone under a top-level label the root zone does not delegate is private", () => {
    const directory = repository({
      "zones/db.kazan": `$ORIGIN kazan.\n${SOA}www IN A 10.0.0.5\n`,
      "db.eqiad.wmnet": `$ORIGIN eqiad.wmnet.\n${SOA}db1 IN A 10.64.0.5\n`,
    });
    expect(findingsOf(directory)).toEqual([]);
  });

  it("a CNAME in a public zone to a name under an undelegated TLD does not resolve publicly", () => {
    const directory = repository({
      "db.example-trust.nhs.uk": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\nintranet IN CNAME app.eqiad.wmnet.\n`,
    });
    expect(findingsOf(directory)).toEqual([
      "db.example-trust.nhs.uk:6:19 IFL-DNS-001 CNAME record intranet.example-trust.nhs.uk. points at app.eqiad.wmnet., which does not resolve on the internet (.wmnet).",
    ]);
  });

  it("the list is current with the IANA root zone beside the repository", () => {
    const data = JSON.parse(readFileSync(join(__dirname, "..", "data", "delegated-tlds.json"), "utf8"));
    expect(data.tlds).toContain("uk");
    expect(undelegatedTld("example-trust.nhs.uk.")).toBeUndefined();
    expect(undelegatedTld("host.corp.")).toBe("corp");
    const rootZone = join(__dirname, "..", "..", "shared", "corpus", "zones", "root.zone");
    let text: string | undefined;
    try {
      text = readFileSync(rootZone, "utf8");
    } catch {
      return; // Outside the main checkout (a worktree) the corpus is not beside the repository.
    }
    expect(data).toEqual(tldsOfRootZone(text));
  });
});

describe("an origin nothing gives", () => {
  it("is one warning and the zone is not judged, never the root", () => {
    const directory = repository({
      "zones/records": `$TTL 3600\n${SOA}www IN A 10.0.0.1\n`,
      "zones/serial.example": `$TTL 3600\n${SOA}www IN A 10.0.0.1\n`,
    });
    expect(findingsOf(directory, { config: { zoneFiles: ["zones/*"] } })).toEqual([
      "zones/records:1:1 zone-origin-unknown zone origin unknown: records has no $ORIGIN, no SOA with an absolute owner and no file name that names a zone below a top-level domain: declare it in named.conf or give it a $ORIGIN; its records are not judged.",
      "zones/serial.example:1:1 zone-origin-unknown zone origin unknown: serial.example has no $ORIGIN, no SOA with an absolute owner and no file name that names a zone below a top-level domain: declare it in named.conf or give it a $ORIGIN; its records are not judged.",
    ]);
  });
});

describe("CAA climbs the tree", () => {
  it("a subzone is covered by CAA at the nearest ancestor name in a scanned zone, not by a sibling's", () => {
    const apex = (origin: string, extra = "") =>
      `$ORIGIN ${origin}.\n${SOA}@ IN DNSKEY 257 3 13 AAAA\n@ IN AAAA 2001:db8::1\n${extra}`;
    const directory = repository({
      "example-trust.nhs.uk.zone": apex("example-trust.nhs.uk", 'apps IN CAA 0 issue "amazon.com"\n'),
      "web.apps.example-trust.nhs.uk.zone": apex("web.apps.example-trust.nhs.uk"),
      "mail.example-trust.nhs.uk.zone": apex("mail.example-trust.nhs.uk"),
    });
    expect(findingsOf(directory, {}).filter((line) => line.includes("IFL-DNS-002"))).toEqual([
      "example-trust.nhs.uk.zone:2:1 IFL-DNS-002 Zone example-trust.nhs.uk. has no CAA record at its apex, so any certificate authority may issue certificates for it (unless a parent zone outside this scan sets CAA).",
      "mail.example-trust.nhs.uk.zone:2:1 IFL-DNS-002 Zone mail.example-trust.nhs.uk. has no CAA record at its apex, so any certificate authority may issue certificates for it.",
    ]);
  });
});

describe("BIND's configuration", () => {
  const fixture = join(__dirname, "..", "fixtures", "dns-estates", "bind");
  const hasNamedCheckconf = spawnSync("named-checkconf", ["-v"]).status === 0;
  const expected = [
    "etc/bind/zones/db.booking:3:1 IFL-DNS-004 Zone booking.example-trust.nhs.uk. has no DNSKEY record at its apex, so it is not DNSSEC-signed (unless your DNS provider signs it when serving it).",
    "etc/bind/zones/db.booking:5:1 IFL-DNS-003 www.booking.example-trust.nhs.uk. has an IPv4 address (A) but no IPv6 address (AAAA).",
  ];

  it("gives zone files their origins, signing (dnssec-policy, auto-dnssec), private views and hint files", () => {
    // db.trust is example-trust.nhs.uk (signed, with CAA that covers booking), not a zone "trust.";
    // db.intranet is served only to internal-nets; the root hints are not a zone.
    expect(findingsOf(fixture)).toEqual(expected);
  });

  it.skipIf(!hasNamedCheckconf)("is a configuration named-checkconf accepts, zones loaded", () => {
    const result = spawnSync("named-checkconf", ["-z", "-t", fixture, "/etc/bind/named.conf"], { encoding: "utf8" });
    expect(result.stdout).toContain("zone booking.example-trust.nhs.uk/IN: loaded serial 2026120701");
    expect(result.stdout).toContain("zone example-trust.nhs.uk/IN: loaded serial 2026120701");
  });

  it("that does not parse is a positioned error, and its zone files fall back to being read on their own", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-bind-"));
    cpSync(fixture, directory, { recursive: true });
    mkdirSync(join(directory, ".git"));
    appendFileSync(
      join(directory, "etc", "bind", "named.conf.local"),
      'zone "broken.example-trust.nhs.uk" {\n\ttype master\n};\n',
    );
    // Without named.conf, db.booking and db.trust name top-level domains: their origins are unknown.
    const unknown = (name: string) =>
      `etc/bind/zones/${name}:1:1 zone-origin-unknown zone origin unknown: ${name} has no $ORIGIN, no SOA with an absolute owner and no file name that names a zone below a top-level domain: declare it in named.conf or give it a $ORIGIN; its records are not judged.`;
    expect(findingsOf(directory)).toEqual([
      'etc/bind/named.conf.local:39:1 parse-error named.conf syntax: Expected ";" before "}".',
      unknown("db.booking"),
      unknown("db.trust"),
    ]);
    if (hasNamedCheckconf)
      expect(spawnSync("named-checkconf", ["-t", directory, "/etc/bind/named.conf"]).status).not.toBe(0);
  });
});

describe("octoDNS", () => {
  const fixture = join(__dirname, "..", "fixtures", "dns-estates", "octodns");

  it("reads the zones of a configuration's YAML source, with positions in the YAML", () => {
    // booking inherits CAA from example-trust.nhs.uk; lab.wmnet is under an undelegated TLD.
    expect(findingsOf(fixture)).toEqual([
      "zones/example-health.org.yaml:2:1 IFL-DNS-002 Zone example-health.org. has no CAA record at its apex, so any certificate authority may issue certificates for it.",
      "zones/example-trust.nhs.uk.yaml:14:10 IFL-ADDR-003 A record intranet.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 10.2.3.4 (RFC 1918 private), which is unreachable from the internet.",
      "zones/example-trust.nhs.uk.yaml:18:17 IFL-DNS-001 MX record mail.example-trust.nhs.uk. points at mx.corp.internal., which does not resolve on the internet (.internal).",
      "zones/example-trust.nhs.uk.yaml:20:1 IFL-DNS-003 web.example-trust.nhs.uk. has an IPv4 address (A) but no IPv6 address (AAAA).",
    ]);
  });

  it('finds zone files relative to the repository octoDNS runs in, for every zone with "*", never outside it', () => {
    const outside = mkdtempSync(join(tmpdir(), "iflint-octodns-outside-"));
    writeFileSync(join(outside, "leak.nhs.uk.yaml"), "secret:\n  type: A\n  value: 10.9.9.9\n");
    const directory = repository({
      "config/production.yaml":
        "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./\n  elsewhere:\n    class: octodns.provider.yaml.YamlProvider\n    directory: " +
        outside +
        "\nzones:\n  '*':\n    sources:\n      - config\n  leak.nhs.uk.:\n    sources: [elsewhere]\n",
      "portal.example-trust.nhs.uk.yaml":
        "'':\n  - type: CAA\n    value:\n      flags: 0\n      tag: issue\n      value: amazon.com\napp:\n  type: A\n  value: 192.168.1.4\n",
      "README.md": "not a zone\n",
    });
    expect(findingsOf(directory)).toEqual([
      "config/production.yaml:12:3 octodns-zone-not-found octoDNS zone not found: No YAML file of zone leak.nhs.uk. was found within the scan in the directories of its sources (elsewhere), relative to the repository or to this file: it is not judged.",
      "portal.example-trust.nhs.uk.yaml:9:10 IFL-ADDR-003 A record app.portal.example-trust.nhs.uk. in public zone portal.example-trust.nhs.uk. points at 192.168.1.4 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });

  it("takes a # inside a block scalar or a quoted value for text, not for a comment", () => {
    const directory = repository({
      "config/production.yaml":
        "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\nzones:\n  example-trust.nhs.uk.:\n    sources: [config]\n",
      "zones/example-trust.nhs.uk.yaml":
        "'':\n  - type: CAA\n    value: {flags: 0, tag: issue, value: amazon.com}\n" +
        "notes:\n  type: TXT\n  values:\n    - |-\n      see # iflint-ignore IFL-ADDR-003\n    - 'two\n      # iflint-ignore IFL-ADDR-001'\n" +
        'app:\n  type: A\n  value: 192.168.1.4 # iflint-ignore IFL-ADDR-003 reason="lab only"\n',
    });
    // Only the real comment is a directive: it suppresses, and the two in the text say nothing
    // (read as comments, each would be an iflint-ignore with no reason).
    const findings = scan({ paths: [directory], cwd: directory, rules: allRules }).findings;
    expect(findings.map((finding) => `${finding.range.start.line} ${finding.ruleId} ${finding.suppressed}`)).toEqual([
      "13 IFL-ADDR-003 true",
    ]);
  });
});

describe("octoDNS zones as octoDNS builds them", () => {
  const providers =
    "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n  extra:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./extra\n  netbox:\n    class: octodns_netbox.NetboxSource\n";
  const caa =
    "'':\n  - type: CAA\n    value: {flags: 0, tag: issue, value: amazon.com}\n  - type: AAAA\n    value: 2001:db8::1\n";

  it("one zone of all its sources; aliases followed; ignored records unpublished; pool and geo values served; proxied records Cloudflare's", () => {
    const directory = repository({
      "config/production.yaml": `${providers}zones:\n  example-trust.nhs.uk.: &both\n    sources: [config, extra]\n  booking.nhs.uk.: *both\n`,
      "zones/example-trust.nhs.uk.yaml": `${caa}www:\n  type: A\n  value: 192.0.2.80\ncdn:\n  type: A\n  value: 192.0.2.81\n  octodns:\n    cloudflare:\n      proxied: true\n`,
      "extra/example-trust.nhs.uk.yaml":
        "www:\n  type: AAAA\n  value: 2001:db8::80\nold:\n  type: A\n  value: 10.99.0.1\n  octodns:\n    ignored: true\n",
      "zones/booking.nhs.uk.yaml":
        `${caa}app:\n  type: A\n  value: 192.0.2.10\n  dynamic:\n    pools:\n      eu:\n        values:\n          - value: 10.20.0.1\n    rules:\n      - pool: eu\n` +
        "geo:\n  type: AAAA\n  values: ['2001:db8::5']\n  geo:\n    EU-GB: ['fd00::5']\n",
    });
    expect(findingsOf(directory).filter((line) => !line.includes("IFL-DNS-004"))).toEqual([
      "zones/booking.nhs.uk.yaml:6:1 IFL-DNS-003 app.booking.nhs.uk. has an IPv4 address (A) but no IPv6 address (AAAA).",
      "zones/booking.nhs.uk.yaml:13:20 IFL-ADDR-003 A record app.booking.nhs.uk. in public zone booking.nhs.uk. points at 10.20.0.1 (RFC 1918 private), which is unreachable from the internet.",
      "zones/booking.nhs.uk.yaml:20:13 IFL-ADDR-003 AAAA record geo.booking.nhs.uk. in public zone booking.nhs.uk. points at fd00::5 (IPv6 unique local (fc00::/7)), which is unreachable from the internet.",
    ]);
  });

  it("a zone with an !include or a source iflint does not read is incomplete: nothing is judged absent", () => {
    const directory = repository({
      "config/production.yaml": `${providers}zones:\n  example-trust.nhs.uk.:\n    sources: [config, netbox]\n  booking.nhs.uk.:\n    sources: [config]\n`,
      "zones/example-trust.nhs.uk.yaml": "www:\n  type: A\n  value: 192.0.2.80\n",
      "zones/booking.nhs.uk.yaml": "'': !include apex.yaml\napp:\n  type: A\n  value: 10.1.2.3\n",
    });
    expect(findingsOf(directory)).toEqual([
      "zones/booking.nhs.uk.yaml:1:5 include-not-read octoDNS !include not read: iflint does not follow octoDNS's !include: what the included file holds is not judged.",
      "zones/booking.nhs.uk.yaml:4:10 IFL-ADDR-003 A record app.booking.nhs.uk. in public zone booking.nhs.uk. points at 10.1.2.3 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });
});

describe("octoDNS split zones", () => {
  const CAA = "'':\n  type: CAA\n  value:\n    flags: 0\n    tag: issue\n    value: amazon.com\n";
  const AAAA = (name: string) =>
    `${name}:\n  - type: A\n    value: 198.51.100.7\n  - type: AAAA\n    value: 2001:db8::7\n`;
  const provider = (options: string) =>
    `providers:\n  config:\n${options}\n  route53:\n    class: octodns_route53.Route53Provider\n`;

  it("reads a SplitYamlProvider zone's record files as one zone, with positions in each file", () => {
    const directory = repository({
      "octodns/config.yaml":
        provider("    class: octodns.provider.yaml.SplitYamlProvider\n    directory: ./zones") +
        "zones:\n  example-trust.nhs.uk.:\n    sources: [config]\n    targets: [route53]\n",
      // The catch-all file holds the apex: its CAA covers the zone, so no file is judged a zone of its own.
      "zones/example-trust.nhs.uk./$example-trust.nhs.uk.yaml": CAA,
      "zones/example-trust.nhs.uk./intranet.yaml": "intranet:\n  type: A\n  value: 10.2.3.4\n",
      "zones/example-trust.nhs.uk./www.yaml": AAAA("www"),
      "zones/example-trust.nhs.uk./notes.txt": "not a record file\n",
    });
    expect(findingsOf(directory)).toEqual([
      "zones/example-trust.nhs.uk./intranet.yaml:3:10 IFL-ADDR-003 A record intranet.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 10.2.3.4 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });

  it("reads YamlProvider's split directories and zone files for \"*\", each zone with the shared file's records", () => {
    const directory = repository({
      "config.yaml":
        provider(
          "    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n    split_extension: .\n    shared_filename: shared.yaml",
        ) + "zones:\n  '*':\n    sources: [config]\n    targets: [route53]\n",
      "zones/split.nhs.uk./$split.nhs.uk.yaml": CAA + AAAA("www"),
      "zones/whole.nhs.uk.yaml": CAA + AAAA("www"),
      "zones/shared.yaml": "legacy:\n  type: A\n  value: 192.168.7.7\n",
    });
    expect(findingsOf(directory)).toEqual([
      "zones/shared.yaml:3:10 IFL-ADDR-003 A record legacy.split.nhs.uk. in public zone split.nhs.uk. points at 192.168.7.7 (RFC 1918 private), which is unreachable from the internet.",
      "zones/shared.yaml:3:10 IFL-ADDR-003 A record legacy.whole.nhs.uk. in public zone whole.nhs.uk. points at 192.168.7.7 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });

  it("reads no zone file with disable_zonefile, and no split directory or record file that leads outside the source", () => {
    const outside = mkdtempSync(join(tmpdir(), "iflint-octodns-split-outside-"));
    writeFileSync(join(outside, "leak.yaml"), "leak:\n  type: A\n  value: 10.9.9.9\n");
    mkdirSync(join(outside, "linked.nhs.uk."));
    writeFileSync(join(outside, "linked.nhs.uk.", "x.yaml"), "x:\n  type: A\n  value: 10.8.8.8\n");
    const directory = repository({
      "config.yaml":
        provider(
          "    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n    split_extension: .\n    disable_zonefile: true",
        ) +
        "zones:\n  kept.nhs.uk.:\n    sources: [config]\n  linked.nhs.uk.:\n    sources: [config]\n  file.nhs.uk.:\n    sources: [config]\n",
      "zones/kept.nhs.uk./apex.yaml": CAA + AAAA("www"),
      "zones/file.nhs.uk.yaml": "old:\n  type: A\n  value: 10.7.7.7\n",
    });
    symlinkSync(join(outside, "leak.yaml"), join(directory, "zones", "kept.nhs.uk.", "leak.yaml"));
    symlinkSync(join(outside, "linked.nhs.uk."), join(directory, "zones", "linked.nhs.uk."));
    // Discovery says so of each link; no record behind them is read.
    expect(findingsOf(directory)).toEqual([
      "config.yaml:12:3 octodns-zone-not-found octoDNS zone not found: No YAML file of zone linked.nhs.uk. was found within the scan in the directories of its sources (config), relative to the repository or to this file: it is not judged.",
      "config.yaml:14:3 octodns-zone-not-found octoDNS zone not found: No YAML file of zone file.nhs.uk. was found within the scan in the directories of its sources (config), relative to the repository or to this file: it is not judged.",
      "zones/kept.nhs.uk./leak.yaml:1:1 outside-scan File outside the scan: zones/kept.nhs.uk./leak.yaml is a symbolic link that leads outside the scanned paths and their repository; it is not read.",
      "zones/linked.nhs.uk.:1:1 outside-scan File outside the scan: zones/linked.nhs.uk. is a symbolic link that leads outside the scanned paths and their repository; it is not read.",
    ]);
  });

  it("leaves a zone with a record file that does not parse incomplete: its other files are judged, absences are not", () => {
    const directory = repository({
      "config.yaml":
        provider("    class: octodns.provider.yaml.SplitYamlProvider\n    directory: ./zones") +
        "zones:\n  broken.nhs.uk.:\n    sources: [config]\n",
      "zones/broken.nhs.uk./bad.yaml": "bad: [unclosed\n",
      "zones/broken.nhs.uk./app.yaml": "app:\n  type: A\n  value: 10.1.1.1\n",
    });
    const found = findingsOf(directory);
    expect(found.filter((line) => !line.includes("parse-error"))).toEqual([
      "zones/broken.nhs.uk./app.yaml:3:10 IFL-ADDR-003 A record app.broken.nhs.uk. in public zone broken.nhs.uk. points at 10.1.1.1 (RFC 1918 private), which is unreachable from the internet.",
    ]);
    expect(found.filter((line) => line.includes("parse-error")).length).toBeGreaterThan(0);
  });

  it("reports a shared file that does not parse once, however many zones it belongs to", () => {
    const directory = repository({
      "config.yaml":
        provider(
          "    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n    shared_filename: shared.yaml",
        ) + "zones:\n  '*':\n    sources: [config]\n",
      "zones/one.nhs.uk.yaml": CAA,
      "zones/two.nhs.uk.yaml": CAA,
      "zones/shared.yaml": "bad: [unclosed\n",
    });
    expect(findingsOf(directory).filter((line) => line.includes("parse-error"))).toHaveLength(1);
  });
});

describe("special files", () => {
  it("named as a zone file are never opened: one warning", () => {
    const directory = repository({});
    execFileSync("mkfifo", [join(directory, "pipe.zone")]);
    const result = scan({ paths: ["pipe.zone"], cwd: directory, rules: allRules });
    expect(result.findings.map((finding) => `${finding.range.file.path} ${finding.ruleId} ${finding.message}`)).toEqual(
      [
        "pipe.zone special-file Not a regular file: pipe.zone is not a regular file (a device, FIFO or socket); it is not read.",
      ],
    );
  });
});

describe("an include glob in BIND's configuration", () => {
  it("reads the scanned configuration files it matches, with the including file's views", () => {
    const directory = repository({
      "named.conf":
        'view "inside" {\n  match-clients { 10/8; };\n  include "/etc/bind/zones.d/*.conf";\n};\nview "outside" {\n  match-clients { any; };\n  zone "www.example-trust.nhs.uk" { type master; file "zones/www"; };\n};\n',
      "zones.d/lan.conf": 'zone "lan.example-trust.nhs.uk" { type master; file "/etc/bind/zones/lan"; };\n',
      "zones/lan": `$ORIGIN lan.example-trust.nhs.uk.\n${SOA}app IN A 10.1.1.1\n`,
      "zones/www": `$ORIGIN www.example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n@ IN AAAA 2001:db8::1\n`,
    });
    expect(findingsOf(directory)).toEqual([]);
  });
});

describe("allow-query in BIND's configuration", () => {
  it("admitting only private clients (through an ACL) makes zones private; a zone's own allow-query overrides it", () => {
    const zone = (origin: string) =>
      `$ORIGIN ${origin}.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\napp IN A 10.1.1.1\n`;
    const directory = repository({
      "named.conf":
        'acl trusted { 10.0.0.0/24; localhost; localnets; };\noptions {\n  directory "/var/cache/bind";\n  allow-query { trusted; };\n};\n' +
        'zone "lan.example-trust.nhs.uk" { type master; file "/etc/bind/zones/lan"; };\n' +
        'zone "www.example-trust.nhs.uk" { type master; file "/etc/bind/zones/www"; allow-query { any; }; };\n',
      "zones/lan": zone("lan.example-trust.nhs.uk"),
      "zones/www": zone("www.example-trust.nhs.uk"),
    });
    expect(findingsOf(directory)).toEqual([
      "zones/www:6:10 IFL-ADDR-003 A record app.www.example-trust.nhs.uk. in public zone www.example-trust.nhs.uk. points at 10.1.1.1 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });
});

describe("one estate, one verdict", () => {
  it("a repository's zones give the same findings scanned alone or with another repository holding their parent", () => {
    const parent = repository({
      "example-trust.nhs.uk.zone": `$ORIGIN example-trust.nhs.uk.\n${SOA}@ IN CAA 0 issue "amazon.com"\n@ IN DNSKEY 257 3 13 AAAA\n`,
    });
    const child = repository({
      "portal.example-trust.nhs.uk.zone": `$ORIGIN portal.example-trust.nhs.uk.\n${SOA}@ IN DNSKEY 257 3 13 AAAA\n`,
    });
    const ofChild = (lines: string[]) => lines.filter((line) => line.includes("portal"));
    const alone = ofChild(findingsOf(child, { paths: [child], cwd: tmpdir() }));
    const together = ofChild(findingsOf(child, { paths: [parent, child], cwd: tmpdir() }));
    expect(alone).toHaveLength(1);
    expect(together).toEqual(alone);
  });
});
