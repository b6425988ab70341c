import { defineRule } from "../../src/engine/rule.js";
import { sameName } from "../shared/dns-names.js";

/** DNSSEC lets resolvers detect forged answers for a public service's names. */
export default defineRule({
  meta: {
    id: "IFL-DNS-004",
    name: "zone-is-signed",
    title: "Public zones are signed with DNSSEC",
    severity: "note",
    category: "dns",
    guidance: ["GDS-DNS", "IF-CYBER"],
    rationale:
      "GOV.UK's domain security guidance asks for DNSSEC where available. Once services are found through public DNS rather than private network addressing, forged DNS answers can send users elsewhere; a signed zone lets validating resolvers reject them.",
    remediation:
      "Sign the zone (BIND `dnssec-policy`, or DNSSEC signing at your DNS provider) and publish the DS record at the parent. If your provider signs the zone when it serves it, suppress this finding in the zone file with that reason.",
    links: ["https://www.gov.uk/guidance/keeping-your-domain-name-secure", "https://www.rfc-editor.org/rfc/rfc9364"],
    messages: {
      unsigned:
        "Zone {zone} has no DNSKEY record at its apex, so it is not DNSSEC-signed (unless your DNS provider signs it when serving it).",
      unsignedHostedZone: "Hosted zone {zone} is not DNSSEC-signed: no aws_route53_hosted_zone_dnssec signs it.",
    },
    limitations:
      'Zone files exported before signing, or zones signed on the fly by a provider, have no DNSKEY in the file: suppress the finding with that reason. Route 53 hosted zones count as signed when an `aws_route53_hosted_zone_dnssec` in the scan refers to them, directly or through a `data "aws_route53_zone"` lookup of the same name (signing in another stack), and is not `NOT_SIGNING`.',
    resourceTypes: ["aws_route53_zone", "aws_route53_hosted_zone_dnssec"],
  },
  check(context) {
    context.forEachPublicZone((zone) => {
      if (zone.signing === "signed") return context.pass(zone);
      if (zone.signing === "unknown")
        return context.unknown(
          zone,
          zone.keptIn === "octodns"
            ? "signed, or not, by the DNS provider octoDNS syncs the zone to"
            : "a DNSSEC configuration's zone cannot be traced",
        );
      if (zone.signing === "unsigned")
        return context.report({
          node: zone,
          messageId: "unsignedHostedZone",
          // A zone named by a variable is named by its address: whether it is signed does not depend on its name.
          data: { zone: zone.origin || `${zone.resource?.address ?? "?"} (name not known)` },
        });
      if (!zone.records.some((record) => record.type === "SOA")) return;
      if (zone.records.some((record) => record.type === "DNSKEY" && sameName(record.owner, zone.origin)))
        return context.pass(zone);
      if (zone.incomplete) return context.unknown(zone, "part of the zone (an $INCLUDE) was not read");
      context.report({ node: zone, messageId: "unsigned", data: { zone: zone.origin } });
    });
  },
});
