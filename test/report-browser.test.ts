/**
 * The HTML readiness report in a real browser (Debian's Chromium, driven by playwright-core): the
 * counts it shows equal the JSON report's, a filter works from the keyboard, and no request leaves
 * the page. A screenshot is saved under test-output/ for a person to look at.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { scan } from "../src/scan.js";
import { buildRegister, namesOf, servicesOf } from "../src/register/build-register.js";
import { renderRegisterJson } from "../src/reporters/register.js";
import { renderHtmlReport } from "../src/reporters/html-report.js";
import { renderJson } from "../src/reporters/json.js";
import { repoRoot } from "./support/rule-harness.js";

const CHROMIUM = "/usr/bin/chromium";
const output = join(repoRoot, "test-output");

describe.skipIf(!existsSync(CHROMIUM))("readiness report in Chromium", () => {
  it("shows the JSON report's counts, filters without a network, and makes no request", async () => {
    const result = scan({ paths: [join(repoRoot, "examples", "nhs-trust")], cwd: repoRoot });
    const json = JSON.parse(renderJson(result)) as {
      summary: { findings: number; bySeverity: Record<string, number> };
    };
    const register = buildRegister(result.estate, result.findings);
    mkdirSync(output, { recursive: true });
    const file = join(output, "report.html");
    writeFileSync(file, renderHtmlReport(result, register));

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      const text = async (selector: string) => (await page.locator(selector).first().textContent())?.trim();
      expect(Number(await text('[data-count="findings"]'))).toBe(json.summary.findings);
      expect(Number(await text('[data-count="error"]'))).toBe(json.summary.bySeverity.error);
      expect(Number(await text('[data-count="warning"]'))).toBe(json.summary.bySeverity.warning);
      // The headline counts services, as the register's JSON lists them; names are a table of their own.
      const registerJson = JSON.parse(renderRegisterJson(register)) as {
        services: { readiness: string }[];
        names: unknown[];
      };
      for (const readiness of ["ready", "not ready", "unknown"])
        expect(Number(await text(`[data-count="${readiness.replace(" ", "-")}"]`))).toBe(
          registerJson.services.filter((entry) => entry.readiness === readiness).length,
        );
      expect(await page.locator("#register-table tbody tr").count()).toBe(servicesOf(register).length);
      // Every row has a cell under each heading.
      for (const table of ["#register-table", "#names-table"])
        expect(await page.locator(`${table} tbody tr:first-child > *`).count()).toBe(
          await page.locator(`${table} thead th`).count(),
        );
      expect(await page.locator("#names-table tbody tr").count()).toBe(namesOf(register).length);
      expect(Number(await text('[data-count="names"]'))).toBe(registerJson.names.length);
      expect(registerJson.names.length).toBeGreaterThan(0);
      expect(await page.locator(".finding").count()).toBe(json.summary.findings);

      // Keyboard: focus the severity filter and choose "error" with the arrow keys.
      await page.focus("#filter-severity");
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction(() =>
        document
          .getElementById("shown")
          ?.textContent?.startsWith(String(document.querySelectorAll(".finding:not([hidden])").length)),
      );
      expect(await page.locator(".finding:not([hidden])").count()).toBe(json.summary.bySeverity.error);
      expect(await text("#shown")).toBe(`${json.summary.bySeverity.error} findings shown`);
      await page.selectOption("#filter-severity", "");
      await page.selectOption("#filter-service", "PACS viewer");
      expect(await page.locator(".finding:not([hidden])").count()).toBe(3);
      // A zone file's name: its findings are found by line, as its records are no resource.
      await page.selectOption("#filter-service", "intranet.example-trust.nhs.uk");
      expect(await page.locator(".finding:not([hidden]) h4 a").allTextContents()).toEqual(["IFL-DNS-001"]);

      await page.selectOption("#filter-service", "");
      await page.screenshot({ path: join(output, "report.png"), fullPage: true });
      expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
      const headings = await page
        .locator("h1, h2, h3")
        .evaluateAll((elements) => elements.map((element) => Number(element.tagName[1])));
      headings.forEach((level, index) => index > 0 && expect(level - headings[index - 1]).toBeLessThanOrEqual(1));
    } finally {
      await browser.close();
    }
  }, 60_000);
});
