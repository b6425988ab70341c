import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ENDPOINT_CONFIDENCES,
  ENDPOINT_NETWORKS,
  hostsInText,
  nationalEndpointFor,
  nationalEndpoints,
} from "../src/engine/national-endpoints.js";
import { renderNationalServicesDoc } from "../src/docs/national-services-doc.js";

const repoRoot = join(import.meta.dirname, "..");

describe("the NHS national endpoint catalogue", () => {
  it("gives every entry a source, a valid network and a valid confidence", () => {
    const entries = nationalEndpoints();
    expect(entries.length).toBe(48);
    for (const entry of entries) {
      expect(entry.sources.length, entry.hostPattern).toBeGreaterThan(0);
      expect(ENDPOINT_NETWORKS, entry.hostPattern).toContain(entry.network);
      expect(ENDPOINT_CONFIDENCES, entry.hostPattern).toContain(entry.confidence);
      expect(entry.hostPattern, entry.hostPattern).toMatch(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
  });

  it("never holds two entries for the same host", () => {
    const patterns = nationalEndpoints().map((entry) => entry.hostPattern.toLowerCase());
    expect(patterns.filter((pattern, index) => patterns.indexOf(pattern) !== index)).toEqual([]);
  });

  it("is the copy of the shared reference, sources kept", () => {
    const shared = join(repoRoot, "..", "shared", "reference", "nhs-national-endpoints.json");
    let reference: string;
    try {
      reference = readFileSync(shared, "utf8");
    } catch {
      return; // a user's checkout has no ../shared
    }
    expect(readFileSync(join(repoRoot, "data", "nhs-national-endpoints.json"), "utf8")).toBe(reference);
  });

  it("lets exact hosts outrank patterns, and longer patterns shorter ones", () => {
    expect(nationalEndpointFor("msg.int.spine2.ncrs.nhs.uk")?.hostPattern).toBe("msg.int.spine2.ncrs.nhs.uk");
    expect(nationalEndpointFor("MSG.INT.SPINE2.NCRS.NHS.UK.")?.hostPattern).toBe("msg.int.spine2.ncrs.nhs.uk");
    expect(nationalEndpointFor("other.int.spine2.ncrs.nhs.uk")?.hostPattern).toBe("*.spine2.ncrs.nhs.uk");
    expect(nationalEndpointFor("ldap.nis1.national.ncrs.nhs.uk")?.network).toBe("hscn-only");
    expect(nationalEndpointFor("x.ncrs.nhs.uk")?.hostPattern).toBe("*.ncrs.nhs.uk");
    expect(nationalEndpointFor("mesh-sync.spineservices.nhs.uk")?.network).toBe("internet");
    expect(nationalEndpointFor("foo.intspineservices.nhs.uk")?.hostPattern).toBe("*.intspineservices.nhs.uk");
    expect(nationalEndpointFor("int.api.service.nhs.uk")?.network).toBe("internet");
  });

  it("matches whole labels only", () => {
    expect(nationalEndpointFor("xncrs.nhs.uk")).toBeUndefined();
    expect(nationalEndpointFor("ncrs.nhs.uk.example.com")).toBeUndefined();
    expect(nationalEndpointFor("example.com")).toBeUndefined();
  });

  it("finds host names in URLs, host:port, e-mail addresses and bare text", () => {
    const hosts = (text: string) => hostsInText(text).map(({ host }) => host);
    expect(hosts("https://msg.int.spine2.ncrs.nhs.uk/reliablemessaging/reliablerequest")).toEqual([
      "msg.int.spine2.ncrs.nhs.uk",
    ]);
    expect(hosts("ldaps://ldap.nis1.national.ncrs.nhs.uk:636")).toEqual(["ldap.nis1.national.ncrs.nhs.uk"]);
    expect(hosts("relay.nhs.uk:587, mailbox@nhs.net")).toEqual(["relay.nhs.uk", "nhs.net"]);
    expect(hosts("use xncrs.nhs.uk.example.com.")).toEqual(["xncrs.nhs.uk.example.com"]);
    const [found] = hostsInText('url = "https://pds-sync.nis1.national.ncrs.nhs.uk/x"');
    expect(found).toEqual({ host: "pds-sync.nis1.national.ncrs.nhs.uk", start: 15, end: 49 });
  });

  it("has its generated docs page in sync", () => {
    expect(readFileSync(join(repoRoot, "docs", "national-services.md"), "utf8")).toBe(renderNationalServicesDoc());
  });
});

describe("the internet routes the catalogue names", () => {
  it("are internet-facing hosts themselves, never HSCN-only ones", () => {
    for (const entry of nationalEndpoints()) {
      const host = entry.internetAlternative?.host;
      if (!host) continue;
      expect(host, entry.hostPattern).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(nationalEndpointFor(host)?.network, entry.hostPattern).not.toBe("hscn-only");
    }
  });
});
