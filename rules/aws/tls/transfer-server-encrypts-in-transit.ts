import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";

/** The provider's default policy, and the only one that still allows SHA-1 key exchange and MACs. */
const LEGACY_POLICY = "TransferSecurityPolicy-2018-11";

/** File transfers with partners move off private circuits too; they must stay encrypted with current algorithms. */
export default defineRule({
  meta: {
    id: "IFL-TLS-015",
    name: "transfer-server-encrypts-in-transit",
    title: "Transfer Family servers do not accept plain FTP or SHA-1 algorithms",
    severity: "warning",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "File exchanges with suppliers and other NHS organisations often ran over HSCN, where plain FTP and old algorithms went unnoticed. The NHS cloud data guidance requires encryption in transit: `FTP` in `protocols` sends credentials and files unencrypted, and `TransferSecurityPolicy-2018-11`, which the provider applies when `security_policy_name` is not set, is the only Transfer Family policy that still allows SHA-1 key exchange (diffie-hellman-group14-sha1) and SHA-1 MACs.",
    remediation:
      'Offer `SFTP` or `FTPS` only (`protocols = ["SFTP"]`) and set `security_policy_name` to AWS\'s latest policy, such as `"TransferSecurityPolicy-2024-01"`.',
    links: [
      "https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/transfer_server",
    ],
    messages: {
      plainFtp: "Transfer server {resource} accepts plain FTP, which sends credentials and files unencrypted.",
      legacyPolicy:
        "Transfer server {resource} uses " +
        LEGACY_POLICY +
        ", which still allows SHA-1 key exchange and MAC algorithms.",
      defaultPolicy:
        "Transfer server {resource} sets no security_policy_name, so the provider applies " +
        LEGACY_POLICY +
        ", which still allows SHA-1 key exchange and MAC algorithms.",
    },
    resourceTypes: ["aws_transfer_server"],
    limitations:
      "Only the policy AWS documents as allowing SHA-1 is reported; other older policies are left to AWS's recommendation to use the latest one.",
  },
  check(context) {
    context.forEachResource("aws_transfer_server", (server) => {
      let compliant = true;
      const protocols = server.attribute("protocols");
      if (protocols && isUnknown(protocols.value)) context.unknown(server, "protocols not known");
      else if (protocols && Array.isArray(protocols.value)) {
        const index = protocols.value.findIndex((protocol) => asString(protocol)?.toUpperCase() === "FTP");
        if (index >= 0) {
          compliant = false;
          context.report({
            node: protocols,
            path: [index],
            messageId: "plainFtp",
            data: { resource: server.address },
            resource: server,
          });
        }
      }
      const policy = server.attribute("security_policy_name");
      if (!policy || policy.value === null) {
        compliant = false;
        context.report({
          node: server,
          messageId: "defaultPolicy",
          data: { resource: server.address },
          basis: [policy],
        });
      } else if (isUnknown(policy.value)) context.unknown(server, "security_policy_name not known");
      else if (policy.value === LEGACY_POLICY) {
        compliant = false;
        context.report({
          node: policy,
          messageId: "legacyPolicy",
          data: { resource: server.address },
          resource: server,
        });
      }
      if (compliant) context.pass(server);
    });
  },
});
