/** octoDNS zones as octoDNS itself makes them: record names from YAML 1.1 keys, and alias zones. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { yamlLibrary } from "../src/source/lazy-libraries.js";
import { octodnsRecordName } from "../src/parsers/octodns/record-name.js";
import { findingsOf, repository } from "./support/dns-repository.js";

const CONFIG =
  "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n  route53:\n    class: octodns_route53.Route53Provider\n";
const APEX =
  "'':\n  - type: CAA\n    value: {flags: 0, tag: issue, value: amazon.com}\n  - type: AAAA\n    value: 2001:db8::1\n";

describe("record names", () => {
  it("are what octoDNS makes of each key: str() of PyYAML's YAML 1.1 value, in lower case", () => {
    const keys = ["null", "~", "on", "Yes", "y", "010", "1.10", "2.0", "WWW", "'off'"];
    const directory = repository({
      "config.yaml": `${CONFIG}zones:\n  example-trust.nhs.uk.:\n    sources: [config]\n    targets: [route53]\n`,
      "zones/example-trust.nhs.uk.yaml":
        APEX + keys.map((key, index) => `${key}:\n  type: A\n  value: 10.0.0.${index + 1}\n`).join(""),
    });
    const named = findingsOf(directory).map((line) => /A record (\S+) in public zone/.exec(line)?.[1]);
    expect(named).toEqual([
      "none.example-trust.nhs.uk.",
      "none.example-trust.nhs.uk.",
      "true.example-trust.nhs.uk.",
      "true.example-trust.nhs.uk.",
      "y.example-trust.nhs.uk.",
      "8.example-trust.nhs.uk.",
      "1.1.example-trust.nhs.uk.",
      "2.0.example-trust.nhs.uk.",
      "www.example-trust.nhs.uk.",
      "off.example-trust.nhs.uk.",
    ]);
  });

  const hasPyYaml = spawnSync("python3", ["-c", "import yaml"]).status === 0;

  it.skipIf(!hasPyYaml)("match PyYAML's safe loader, key by key", () => {
    // prettier-ignore
    const keys = [
      "null", "~", "NULL", "on", "On", "OFF", "yes", "No", "true", "FALSE", "y", "n", "010", "0x1F", "0b101", "1_000",
      "1:30", "-1:30", "1:30.5", "1.10", "2.0", "1.", ".5", "1.0e+20", "1.0e+16", "1.0e+15", "0.00001", "0.0001",
      "-0.0", ".inf", "-.Inf", ".NaN", "1e3", "0o17", "-0", "+12", "00", "08", "2001-12-14",
      "123456789012345678901234567890", "0.1234567890123456789", "WWW", '"null"', "!!str on", "''", "1.0.0", "254",
    ];
    const text = keys.map((key) => `${key}: 1\n`).join("");
    const python = spawnSync(
      "python3",
      [
        "-c",
        "import sys, yaml\nloader = yaml.SafeLoader(sys.stdin.read())\nfor key, _ in loader.get_single_node().value:\n    print(str(loader.construct_object(key)).lower())",
      ],
      { input: text, encoding: "utf8" },
    );
    expect(python.status, python.stderr).toBe(0);
    const document = yamlLibrary().parseDocument(text, { uniqueKeys: false });
    const ours = (document.contents as { items: { key: unknown }[] }).items.map((pair) => octodnsRecordName(pair.key));
    expect(ours).toEqual(python.stdout.split("\n").slice(0, keys.length));
  });
});

describe("alias zones", () => {
  it("carry the records of the zone they name, under their own name, at the records in its files", () => {
    const directory = repository({
      "config.yaml":
        `${CONFIG}zones:\n  example-trust.nhs.uk.:\n    sources: [config]\n    targets: [route53]\n` +
        "  example-trust.org.uk.:\n    alias: example-trust.nhs.uk.\n" +
        "  missing.nhs.uk.:\n    alias: nowhere.nhs.uk.\n" +
        "  chained.nhs.uk.:\n    alias: example-trust.org.uk.\n",
      "zones/example-trust.nhs.uk.yaml": `${APEX}intranet:\n  type: A\n  value: 10.2.3.4\n`,
    });
    expect(findingsOf(directory)).toEqual([
      "config.yaml:13:3 octodns-zone-not-found octoDNS alias zone not found: Zone missing.nhs.uk. is an alias of nowhere.nhs.uk., which this configuration does not declare: octoDNS refuses the configuration, so the zone is not judged.",
      "config.yaml:15:3 octodns-zone-not-found octoDNS alias zone not found: Zone chained.nhs.uk. is an alias of example-trust.org.uk., which is itself an alias: octoDNS refuses the configuration, so the zone is not judged.",
      "zones/example-trust.nhs.uk.yaml:8:10 IFL-ADDR-003 A record intranet.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 10.2.3.4 (RFC 1918 private), which is unreachable from the internet.",
      "zones/example-trust.nhs.uk.yaml:8:10 IFL-ADDR-003 A record intranet.example-trust.org.uk. in public zone example-trust.org.uk. points at 10.2.3.4 (RFC 1918 private), which is unreachable from the internet.",
    ]);
  });
});
