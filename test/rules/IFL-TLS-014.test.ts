import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-014", {
  fail: [
    {
      file: "fail/main.tf",
      line: 13,
      column: 13,
      resource: "aws_db_parameter_group.pathology",
      message:
        "Parameter group aws_db_parameter_group.pathology sets rds.force_ssl = 0, so clients of the databases that use it may connect without TLS.",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 20,
      resource: "aws_rds_cluster_parameter_group.pharmacy",
      message:
        "Parameter group aws_rds_cluster_parameter_group.pharmacy sets require_secure_transport = OFF, so clients of the databases that use it may connect without TLS.",
    },
  ],
});
