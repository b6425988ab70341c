import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-DNS-001", {
  fail: [
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 12,
      column: 20,
      message:
        "CNAME record pacs.example-trust.nhs.uk. points at pacs-viewer.trust.internal., which does not resolve on the internet (.internal).",
    },
    { file: "fail/example-trust.nhs.uk.zone", line: 13, column: 20, message: /rostering\.corp\., .*\(\.corp\)/ },
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 14,
      column: 23,
      message: /MX record example-trust\.nhs\.uk\. points at exchange01\.trust\.local\./,
    },
    { file: "fail/example-trust.nhs.uk.zone", line: 15, column: 30, message: /sipgw\., .*a single-label name/ },
  ],
});
