import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-006", {
  fail: [
    { file: "fail/main.tf", line: 27, column: 10, resource: "aws_route53_resolver_rule.trust_ad", message: "Resolver rule aws_route53_resolver_rule.trust_ad forwards queries for ad.example-trust.nhs.uk to 10.84.1.10, a private address outside the VPCs in the scan, so names in ad.example-trust.nhs.uk resolve only over a private network." },
  ],
});
