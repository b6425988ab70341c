import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-005", {
  fail: [
    {
      file: "fail/main.tf",
      line: 4,
      column: 30,
      resource: "aws_api_gateway_domain_name.appointments",
      message:
        "Custom domain aws_api_gateway_domain_name.appointments uses the TLS_1_0 security policy, which allows TLS 1.0 and 1.1.",
    },
    { file: "fail/main.tf", line: 12, column: 1, resource: "aws_api_gateway_domain_name.referrals" },
  ],
});
