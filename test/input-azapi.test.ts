/** azapi_resource bodies read as the azurerm resources they manage, so the Azure rules apply. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { repoRoot } from "./support/rule-harness.js";

describe("AzAPI resources", () => {
  const result = scan({ paths: ["azapi"], cwd: join(repoRoot, "fixtures/inputs") });

  it("are checked by the azurerm rules at the body property, under their own address", () => {
    expect(
      result.findings.map(
        (finding) =>
          `${finding.ruleId} ${finding.resource} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
      ),
    ).toEqual([
      "IFL-TLS-006 azapi_resource.site azapi/main.tf:11:29",
      "IFL-TLS-006 azapi_resource.site azapi/main.tf:14:25",
      "IFL-TLS-007 azapi_resource.storage azapi/main.tf:31:34",
      "IFL-TLS-023 azapi_resource.container_app azapi/main.tf:72:27",
      "IFL-EXP-010 azapi_resource.closed_site azapi/main.tf:87:29",
    ]);
    expect(result.findings.find((finding) => finding.ruleId === "IFL-EXP-010")?.message).toBe(
      'azapi_resource.closed_site is closed to the public network (publicNetworkAccess = "Disabled") and nothing in the scan publishes it to the internet, so only private networks reach it.',
    );
  });

  it("map only what the body sets, keep unknowns unknown, and leave other types alone", () => {
    const mapped = (name: string) =>
      result.estate.resources.find(
        (resource) => resource.address === `azapi_resource.${name}` && resource.resourceType !== "azapi_resource",
      );
    expect(mapped("site")?.resourceType).toBe("azurerm_linux_web_app");
    expect(mapped("site")?.value("public_network_access_enabled")).toBe(true);
    expect(mapped("storage")?.value("https_traffic_only_enabled")).toBe(true);
    expect(mapped("site_from_variable")?.value("https_only")).toMatchObject({
      reason: expect.stringContaining("var.https_only"),
    });
    expect(mapped("site_from_variable")?.value("public_network_access_enabled")).toBeUndefined();
    expect(mapped("workspace")).toBeUndefined();
  });
});
