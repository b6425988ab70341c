import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-017", {
  fail: [
    {
      file: "fail/main.tf",
      line: 5,
      column: 1,
      resource: "aws_cognito_user_pool_domain.patients",
      message:
        "User pool aws_cognito_user_pool.patients publishes a hosted UI (aws_cognito_user_pool_domain.patients) with no WAF web ACL associated.",
    },
  ],
});
