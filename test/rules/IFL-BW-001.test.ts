import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-001", {
  fail: [
    { file: "fail/main.tf", line: 3, column: 15, resource: "aws_dx_connection.data_centre", message: "aws_dx_connection.data_centre is a private circuit of 1Gbps: size the internet connectivity that will carry its traffic." },
    { file: "fail/main.tf", line: 9, column: 27, resource: "aws_dx_lag.resilient" },
    { file: "fail/main.tf", line: 13, column: 1, resource: "aws_vpn_connection.hscn" },
  ],
});
