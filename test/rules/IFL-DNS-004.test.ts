import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-DNS-004", {
  fail: [{ file: "fail/example-trust.nhs.uk.zone", line: 3, column: 1, message: "Zone example-trust.nhs.uk. has no DNSKEY record at its apex, so it is not DNSSEC-signed (unless your DNS provider signs it when serving it)." }],
});
