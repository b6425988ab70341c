/** The catalogue as the configuration amends it: the organisation's private endpoints, hosts already moved. */
import { describe, expect, it } from "vitest";
import { endpointFor, hostMatchesPattern, mayNameEndpoint } from "../src/engine/configured-endpoints.js";

const settings = {
  privateEndpoints: [{ host: "*.trust.nhs.uk", reason: "only on the trust's HSCN-facing DNS" }],
  nationalServicesOff: ["msg.int.spine2.ncrs.nhs.uk", "*.ers.ncrs.nhs.uk"],
};

describe("configured endpoints", () => {
  it("matches hosts to patterns on whole labels, in any case, not the pattern's own domain", () => {
    expect(hostMatchesPattern("PACS.Trust.nhs.uk.", "*.trust.nhs.uk")).toBe(true);
    expect(hostMatchesPattern("trust.nhs.uk", "*.trust.nhs.uk")).toBe(false);
    expect(hostMatchesPattern("eviltrust.nhs.uk", "*.trust.nhs.uk")).toBe(false);
    expect(hostMatchesPattern("ldap.nis1.national.ncrs.nhs.uk", "ldap.nis1.national.ncrs.nhs.uk")).toBe(true);
  });

  it("decides the organisation's private endpoints as HSCN-only, with the reason as the service", () => {
    expect(endpointFor(settings, "pacs.trust.nhs.uk")).toMatchObject({
      service: "the organisation's private endpoint: only on the trust's HSCN-facing DNS",
      network: "hscn-only",
      internetAlternative: null,
    });
    expect(endpointFor({}, "pacs.trust.nhs.uk")).toBeUndefined();
    expect(mayNameEndpoint(settings, '"https://pacs.trust.nhs.uk/wado"')).toBe(true);
    expect(mayNameEndpoint(settings, '"https://pacs.example.org/wado"')).toBe(false);
  });

  it("counts hosts marked off, by host or by catalogue pattern, as reached over the internet", () => {
    expect(endpointFor(settings, "msg.int.spine2.ncrs.nhs.uk")?.network).toBe("internet");
    expect(endpointFor(settings, "dev3.ers.ncrs.nhs.uk")?.network).toBe("internet");
    expect(endpointFor({ nationalServicesOff: ["*.ncrs.nhs.uk"] }, "pds.ncrs.nhs.uk")?.network).toBe("internet");
    // Neither named nor under a pattern marked off: as the catalogue says.
    expect(endpointFor(settings, "ldap.nis1.national.ncrs.nhs.uk")?.network).toBe("hscn-only");
    expect(endpointFor({}, "msg.int.spine2.ncrs.nhs.uk")?.network).toBe("hscn-only");
  });
});
