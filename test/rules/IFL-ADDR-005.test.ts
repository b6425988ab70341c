import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-005", {
  fail: [
    {
      file: "fail/main.tf",
      line: 15,
      column: 40,
      resource: "aws_ecs_task_definition.pas_bridge",
      message:
        "Container bridge of aws_ecs_task_definition.pas_bridge is given 10.84.3.21 (RFC 1918 private) in PAS_DB_URL, an address only a private network can reach; name the service in DNS instead.",
    },
    {
      file: "fail/main.tf",
      line: 32,
      column: 22,
      resource: "aws_lambda_function.results_notifier",
      message:
        "Function aws_lambda_function.results_notifier is given 10.84.7.5 (RFC 1918 private) in environment variable HL7_ENDPOINT, an address only a private network can reach; name the service in DNS instead.",
    },
    {
      file: "fail/main.tf",
      line: 40,
      column: 11,
      resource: "aws_ssm_parameter.pacs_host",
      message:
        "Parameter aws_ssm_parameter.pacs_host holds 172.20.14.9 (RFC 1918 private), an address only a private network can reach; name the service in DNS instead.",
    },
    {
      file: "fail/main.tf",
      line: 45,
      column: 17,
      message:
        "Output pas_database_host publishes 10.84.3.21 (RFC 1918 private), an address only a private network can reach; name the service in DNS instead.",
    },
  ],
});
