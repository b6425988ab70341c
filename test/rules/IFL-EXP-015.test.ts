import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

const TAIL =
  ", an HSCN DNS resolver, so names resolved there depend on the private network; resolve through public DNS and reach national services over their internet routes.";

describeRule("IFL-EXP-015", {
  fail: [
    {
      file: "fail/main.tf",
      line: 8,
      column: 10,
      resource: "aws_route53_resolver_rule.nhs_uk",
      message: `aws_route53_resolver_rule.nhs_uk forwards queries to 155.231.231.1${TAIL}`,
    },
    {
      file: "fail/main.tf",
      line: 12,
      column: 10,
      resource: "aws_route53_resolver_rule.nhs_uk",
      message: `aws_route53_resolver_rule.nhs_uk forwards queries to 155.231.231.2${TAIL}`,
    },
    {
      file: "fail/main.tf",
      line: 21,
      column: 25,
      resource: "aws_vpc_dhcp_options.legacy",
      message: `aws_vpc_dhcp_options.legacy gives instances the DNS server 155.231.231.1${TAIL}`,
    },
    {
      file: "fail/main.tf",
      line: 21,
      column: 25,
      resource: "aws_vpc_dhcp_options.legacy",
      message: `aws_vpc_dhcp_options.legacy gives instances the DNS server 155.231.231.2${TAIL}`,
    },
    {
      file: "fail/main.tf",
      line: 29,
      column: 39,
      resource: "azurerm_virtual_network.clinical",
      message: `azurerm_virtual_network.clinical gives the VNet the DNS server 155.231.231.2${TAIL}`,
    },
    {
      file: "fail/main.tf",
      line: 38,
      column: 18,
      resource: "azurerm_private_dns_resolver_forwarding_rule.nhs_uk",
      message: `azurerm_private_dns_resolver_forwarding_rule.nhs_uk forwards queries to 155.231.231.1${TAIL}`,
    },
    {
      file: "fail/main.tf",
      line: 46,
      column: 28,
      resource: "aws_route.hscn_dns",
      message:
        "aws_route.hscn_dns routes 155.231.231.0/29, which holds the HSCN DNS resolvers, so this network can send DNS queries to them over a private link; resolve through public DNS and remove the route once nothing uses it.",
    },
  ],
});

it("IFL-EXP-015 traces a resolver address that comes through a local to where it was written", () => {
  const { findings } = scanRuleFixture(findRule("IFL-EXP-015")!, "fail");
  const dhcp = findings.find((finding) => finding.resource === "aws_vpc_dhcp_options.legacy")!;
  expect(dhcp.trace.map((step) => `${step.range.start.line}: ${step.message}`).join("\n")).toMatch(
    /^17: local\.hscn_dns/m,
  );
});
