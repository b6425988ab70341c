import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-001", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 23,
      resource: "aws_lb_listener.http_forward",
      message:
        "Listener aws_lb_listener.http_forward serves HTTP without redirecting to HTTPS (default action: forward).",
    },
    { file: "fail/main.tf", line: 23, column: 23, resource: "aws_alb_listener.http_redirect_to_http" },
    {
      file: "fail/main.tf",
      line: 35,
      column: 1,
      resource: "aws_lb_listener.implicit_http",
      message: /default action: fixed-response/,
    },
  ],
});
