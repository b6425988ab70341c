import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-004", {
  fail: [
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 6,
      column: 19,
      message:
        "CNAME booking.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at internal-appointments-987654321.eu-west-2.elb.amazonaws.com. (aws_lb.appointments), an internal load balancer's name: internet users cannot reach it.",
    },
    {
      file: "fail/main.tf",
      line: 19,
      column: 30,
      resource: "aws_route53_record.appointments",
      message:
        "A record appointments.portal.example-trust.nhs.uk in public zone portal.example-trust.nhs.uk points at aws_lb.appointments, an internal load balancer: internet users cannot reach it.",
    },
    {
      file: "fail/main.tf",
      line: 30,
      column: 14,
      resource: "aws_route53_record.legacy",
      message:
        "CNAME record legacy.portal.example-trust.nhs.uk in public zone portal.example-trust.nhs.uk points at internal-legacy-1234567890.eu-west-2.elb.amazonaws.com, an internal load balancer: internet users cannot reach it.",
    },
  ],
});
