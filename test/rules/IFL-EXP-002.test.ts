import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-002", {
  inventory: true,
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_customer_gateway.hscn",
      message:
        "aws_customer_gateway.hscn is a customer gateway (the on-premises end of a VPN): services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    { file: "fail/main.tf", line: 7, column: 1, resource: "aws_vpn_connection.hscn" },
    { file: "fail/main.tf", line: 13, column: 1, resource: "aws_dx_connection.data_centre" },
    { file: "fail/main.tf", line: 19, column: 1, resource: "aws_dx_gateway.main" },
    { file: "fail/main.tf", line: 24, column: 1, resource: "aws_ec2_client_vpn_endpoint.staff" },
  ],
});
