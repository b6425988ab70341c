import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-027", {
  fail: [
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "aws_db_instance.appointments",
      message:
        "aws_db_instance.appointments runs mysql 8.0.39 on the default parameter group, which leaves require_secure_transport at the engine default (OFF), so clients may connect without TLS.",
    },
    {
      file: "fail/main.tf",
      line: 20,
      column: 26,
      resource: "aws_db_instance.pathology",
      message:
        "aws_db_instance.pathology runs postgres 14.12 on parameter group default.postgres14, which leaves rds.force_ssl at the engine default (0), so clients may connect without TLS.",
    },
    {
      file: "fail/main.tf",
      line: 38,
      column: 37,
      resource: "aws_rds_cluster.pharmacy",
      message:
        "aws_rds_cluster.pharmacy runs aurora-mysql 8.0.mysql_aurora.3.05.2 on parameter group aws_rds_cluster_parameter_group.pharmacy, which leaves require_secure_transport at the engine default (OFF), so clients may connect without TLS.",
    },
    {
      file: "fail/main.tf",
      line: 41,
      column: 1,
      resource: "aws_db_instance.finance",
      message:
        "aws_db_instance.finance runs sqlserver-se 15.00.4365.2.v1 on the default parameter group, which leaves rds.force_ssl at the engine default (0), so clients may connect without TLS.",
    },
  ],
});

it("IFL-TLS-027 takes its certainty from the engine version: a variable default makes it `default`", () => {
  const { findings } = scanRuleFixture(findRule("IFL-TLS-027")!, "fail");
  expect(findings.map((finding) => [finding.resource, finding.certainty])).toEqual([
    ["aws_db_instance.appointments", "definite"],
    ["aws_db_instance.pathology", "default"],
    ["aws_rds_cluster.pharmacy", "definite"],
    ["aws_db_instance.finance", "definite"],
  ]);
  expect(findings[1].trace.map((step) => step.message).join(" ")).toContain("var.pathology_version");
});
