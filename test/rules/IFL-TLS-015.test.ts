import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-015", {
  fail: [
    {
      file: "fail/main.tf",
      line: 6,
      column: 28,
      resource: "aws_transfer_server.results",
      message:
        "Transfer server aws_transfer_server.results uses TransferSecurityPolicy-2018-11, which still allows SHA-1 key exchange and MAC algorithms.",
    },
    {
      file: "fail/main.tf",
      line: 15,
      column: 37,
      resource: "aws_transfer_server.scans",
      message:
        "Transfer server aws_transfer_server.scans accepts plain FTP, which sends credentials and files unencrypted.",
    },
    {
      file: "fail/main.tf",
      line: 25,
      column: 1,
      resource: "aws_transfer_server.payroll",
      message:
        "Transfer server aws_transfer_server.payroll sets no security_policy_name, so the provider applies TransferSecurityPolicy-2018-11, which still allows SHA-1 key exchange and MAC algorithms.",
    },
  ],
});
