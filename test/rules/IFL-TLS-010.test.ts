import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-010", {
  fail: [
    {
      file: "fail/main.tf",
      line: 9,
      column: 25,
      resource: "aws_elb.legacy_intranet",
      message: "Classic load balancer aws_elb.legacy_intranet serves port 80 over HTTP, without TLS.",
    },
    {
      file: "fail/main.tf",
      line: 16,
      column: 25,
      resource: "aws_elb.legacy_intranet",
      message: "Classic load balancer aws_elb.legacy_intranet serves port 8080 over TCP, without TLS.",
    },
  ],
});
