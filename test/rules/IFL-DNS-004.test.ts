import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-DNS-004", {
  fail: [
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 3,
      column: 1,
      message:
        "Zone example-trust.nhs.uk. has no DNSKEY record at its apex, so it is not DNSSEC-signed (unless your DNS provider signs it when serving it).",
    },
    {
      file: "fail/route53.tf",
      line: 1,
      column: 1,
      resource: "aws_route53_zone.portal",
      message:
        "Hosted zone portal.example-trust.nhs.uk. is not DNSSEC-signed: no aws_route53_hosted_zone_dnssec signs it.",
    },
    {
      file: "fail/route53.tf",
      line: 6,
      column: 1,
      resource: "aws_route53_zone.booking",
      message:
        "Hosted zone booking.example-trust.nhs.uk. is not DNSSEC-signed: no aws_route53_hosted_zone_dnssec signs it.",
    },
    {
      file: "fail/route53.tf",
      line: 20,
      column: 1,
      resource: "aws_route53_zone.service",
      message:
        "Hosted zone aws_route53_zone.service (name not known) is not DNSSEC-signed: no aws_route53_hosted_zone_dnssec signs it.",
    },
  ],
});
