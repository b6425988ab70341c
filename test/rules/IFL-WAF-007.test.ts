import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-007", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_wafv2_web_acl.empty",
      message:
        "Web ACL aws_wafv2_web_acl.empty has no AWS managed baseline rule group (AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet).",
    },
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_wafv2_web_acl.empty",
      message: "Web ACL aws_wafv2_web_acl.empty has no rate-based rule, so it does not limit request floods.",
    },
    {
      file: "fail/main.tf",
      line: 16,
      column: 1,
      resource: "aws_wafv2_web_acl.baseline_only",
      message: "Web ACL aws_wafv2_web_acl.baseline_only has no rate-based rule, so it does not limit request floods.",
    },
    {
      file: "fail/main.tf",
      line: 51,
      column: 1,
      resource: "aws_wafv2_web_acl.attached",
      message:
        "Web ACL aws_wafv2_web_acl.attached has no AWS managed baseline rule group (AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet).",
    },
    {
      file: "fail/main.tf",
      line: 51,
      column: 1,
      resource: "aws_wafv2_web_acl.attached",
      message: "Web ACL aws_wafv2_web_acl.attached has no rate-based rule, so it does not limit request floods.",
    },
  ],
});
