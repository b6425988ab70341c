import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-001", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 14,
      resource: "aws_route53_record.rota",
      message:
        "A record rota.example-trust.nhs.uk in public zone example-trust.nhs.uk points at 10.20.30.40 (RFC 1918 private), which is unreachable from the internet.",
    },
    { file: "fail/main.tf", line: 11, column: 45, resource: "aws_route53_record.rota" },
    { file: "fail/main.tf", line: 19, column: 14, resource: "aws_route53_record.pacs_v6" },
    { file: "fail/main.tf", line: 32, column: 14, resource: "aws_route53_record.legacy" },
    {
      file: "fail/main.tf",
      line: 46,
      column: 14,
      resource: "aws_route53_record.ris",
      message:
        "A record ris.example-trust.nhs.uk in public zone example-trust.nhs.uk points at aws_instance.ris.private_ip (a private address), which is unreachable from the internet.",
    },
  ],
});
