import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-004", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_appsync_graphql_api.clinic_finder",
      message: "GraphQL API aws_appsync_graphql_api.clinic_finder has no web application firewall.",
    },
  ],
});
