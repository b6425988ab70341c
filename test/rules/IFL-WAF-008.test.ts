import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-008", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_wafv2_web_acl.main",
      message: "Web ACL aws_wafv2_web_acl.main has no logging configuration, so its decisions are not recorded.",
    },
  ],
});
