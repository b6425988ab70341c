import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-DNS-002", {
  fail: [
    {
      file: "fail/example-health.org.zone",
      line: 4,
      column: 1,
      message:
        "Zone example-health.org. has no CAA record at its apex, so any certificate authority may issue certificates for it.",
    },
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 3,
      column: 1,
      message:
        "Zone example-trust.nhs.uk. has no CAA record at its apex, so any certificate authority may issue certificates for it (unless a parent zone outside this scan sets CAA).",
    },
  ],
});
