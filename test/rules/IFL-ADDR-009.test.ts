import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-009", {
  fail: [
    {
      file: "fail/aws.tf",
      line: 17,
      column: 30,
      resource: "aws_route53_record.referrals",
      message:
        "A record referrals.portal.example-trust.nhs.uk in public zone portal.example-trust.nhs.uk points at aws_vpc_endpoint.referrals, a private endpoint, which internet users cannot reach.",
    },
    {
      file: "fail/azure.tf",
      line: 26,
      column: 25,
      resource: "azurerm_dns_cname_record.rota",
      message:
        "CNAME record rota in public zone example-trust.nhs.uk points at azurerm_private_endpoint.rota, a private endpoint, which internet users cannot reach.",
    },
    {
      // The zone's name comes from a data source: said as written, not as "?".
      file: "fail/azure.tf",
      line: 40,
      column: 25,
      resource: "azurerm_dns_cname_record.rota_services",
      message:
        "CNAME record rota in public zone data.azurerm_dns_zone.services.name points at azurerm_private_endpoint.rota, a private endpoint, which internet users cannot reach.",
    },
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 6,
      column: 17,
      message:
        "CNAME record api.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at vpce-0a1b2c3d4e5f60718-abcdefgh.vpce-svc-0123456789abcdef0.eu-west-2.vpce.amazonaws.com., a private endpoint's name, which resolves to private addresses internet users cannot reach.",
    },
  ],
});
