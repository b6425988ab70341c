import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-DNS-003", {
  fail: [
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 7,
      column: 1,
      message: "portal.example-trust.nhs.uk. has an IPv4 address (A) but no IPv6 address (AAAA).",
    },
    { file: "fail/example-trust.nhs.uk.zone", line: 9, column: 1, message: /booking\.example-trust\.nhs\.uk\./ },
  ],
});
