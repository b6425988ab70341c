import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-003", {
  fail: [
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 7,
      column: 19,
      message:
        "A record rota.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 10.84.12.20 (RFC 1918 private), which is unreachable from the internet.",
    },
    { file: "fail/example-trust.nhs.uk.zone", line: 8, column: 19, message: /100\.64\.3\.7 \(RFC 6598 shared/ },
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 9,
      column: 19,
      message: /AAAA record pacs\.example-trust\.nhs\.uk\. .* fd00:84::20 \(IPv6 unique local/,
    },
    {
      file: "fail/example-trust.nhs.uk.zone",
      line: 11,
      column: 19,
      message:
        "A record perf.example-trust.nhs.uk. in public zone example-trust.nhs.uk. points at 198.18.4.20 (RFC 2544 benchmarking (198.18.0.0/15)), which is unreachable from the internet.",
    },
  ],
});
