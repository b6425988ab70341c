import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-004", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 40,
      resource: "azurerm_dns_a_record.rota",
      message:
        "A record rota in public zone example-trust.nhs.uk points at 10.84.12.20 (RFC 1918 private), which is unreachable from the internet.",
    },
    {
      file: "fail/main.tf",
      line: 19,
      column: 26,
      resource: "azurerm_dns_aaaa_record.pacs",
      message:
        "AAAA record pacs in public zone example-trust.nhs.uk points at fd00:84::20 (IPv6 unique local (fc00::/7)), which is unreachable from the internet.",
    },
    {
      // The zone's name comes from a variable: said as written, not as "?".
      file: "fail/main.tf",
      line: 32,
      column: 26,
      resource: "azurerm_dns_a_record.pas",
      message:
        "A record pas in public zone var.zone_name points at 10.84.20.15 (RFC 1918 private), which is unreachable from the internet.",
    },
  ],
});
