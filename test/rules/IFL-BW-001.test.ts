import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-001", {
  inventory: true,
  fail: [
    {
      file: "fail/main.tf",
      line: 3,
      column: 15,
      resource: "aws_dx_connection.data_centre",
      message:
        "aws_dx_connection.data_centre is a private circuit of 1Gbps: size the internet connectivity that will carry its traffic.",
    },
    { file: "fail/main.tf", line: 9, column: 27, resource: "aws_dx_lag.resilient" },
    {
      file: "fail/main.tf",
      line: 13,
      column: 1,
      resource: "aws_vpn_connection.hscn",
      message:
        "aws_vpn_connection.hscn is a VPN connection limited to about 1.25 Gbps per tunnel: size the internet connectivity that will carry its traffic.",
    },
    {
      file: "fail/sole-vpn/main.tf",
      line: 8,
      column: 1,
      resource: "aws_vpn_connection.data_centre",
      message:
        "aws_vpn_connection.data_centre is the only private-network path in fail/sole-vpn, beside public services (aws_lb.portal) that may depend on what is behind it: about 1.25 Gbps per tunnel, one tunnel active by default. Size the internet connectivity that replaces it, with resilience.",
    },
  ],
});
