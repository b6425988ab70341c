import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-011", {
  fail: [
    {
      file: "fail/main.tf",
      line: 6,
      column: 27,
      resource: "aws_opensearch_domain.referrals_search",
      message: "Search domain aws_opensearch_domain.referrals_search accepts plain HTTP (enforce_https = false).",
    },
    {
      file: "fail/main.tf",
      line: 7,
      column: 27,
      resource: "aws_opensearch_domain.referrals_search",
      message:
        "Search domain aws_opensearch_domain.referrals_search uses Policy-Min-TLS-1-0-2019-07, which allows TLS 1.0 and 1.1.",
    },
  ],
});
