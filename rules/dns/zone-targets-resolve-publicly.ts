import { defineRule } from "../../src/engine/rule.js";
import { TARGET_FIELD, nonInternetSuffix } from "../shared/dns-names.js";

/** A public name that points at a private-only name is a dead end for every internet user. */
export default defineRule({
  meta: {
    id: "IFL-DNS-001",
    name: "zone-targets-resolve-publicly",
    title: "CNAME, MX, NS and SRV targets in public zones are names that resolve on the internet",
    severity: "warning",
    category: "dns",
    guidance: ["IF-IPDNS", "IF-C1-PRIVNET", "GDS-DNS"],
    rationale:
      "Services move to the internet only when their public names lead somewhere public. A CNAME, MX, NS or SRV record in a public zone whose target is under `.local`, `.internal`, `.lan`, `.corp`, `.home.arpa`, `.localdomain` or a single-label name only resolves inside a private network (such as HSCN-connected sites), so internet users get no answer.",
    remediation:
      "Point the record at the service's public DNS name, or move the record to a private zone (and list that zone in `privateZones`) if the service is meant to stay internal.",
    links: [
      "https://www.rfc-editor.org/rfc/rfc6761",
      "https://www.rfc-editor.org/rfc/rfc8375",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
    ],
    messages: {
      privateTarget: "{type} record {owner} points at {target}, which does not resolve on the internet ({suffix}).",
    },
    limitations:
      "Only the name is checked: a target under a public domain that happens to be served only by internal DNS servers is not detected.",
    resourceTypes: ["aws_route53_zone", "aws_route53_record"],
  },
  check(context) {
    context.forEachPublicZone((zone) => {
      for (const record of zone.records) {
        const field = TARGET_FIELD[record.type];
        if (field === undefined) continue;
        const target = record.data[field];
        if (target === undefined || target === ".") continue;
        const suffix = nonInternetSuffix(target);
        if (!suffix) {
          context.pass(record);
          continue;
        }
        context.report({
          node: record,
          path: [field],
          messageId: "privateTarget",
          data: {
            type: record.type,
            owner: record.owner,
            target,
            suffix: suffix === "single-label" ? "a single-label name" : `.${suffix}`,
          },
        });
      }
    });
  },
});
