import { defineRule } from "../../src/engine/rule.js";
import { sameName } from "../shared/dns-names.js";

/** CAA limits which certificate authorities may issue certificates for a public service's names. */
export default defineRule({
  meta: {
    id: "IFL-DNS-002",
    name: "zone-apex-has-caa",
    title: "Public zones restrict certificate issuance with a CAA record at the apex",
    severity: "note",
    category: "dns",
    guidance: ["GDS-DNS", "IF-CYBER"],
    rationale:
      "Once a service is on the internet, anyone who can get a certificate for its name can impersonate it. A CAA record at the zone apex tells certificate authorities which of them may issue for the domain, as GOV.UK's domain security guidance recommends.",
    remediation:
      'Add CAA records at the apex naming the authorities you use, for example `@ IN CAA 0 issue "amazon.com"` and `@ IN CAA 0 iodef "mailto:security@example.nhs.uk"`.',
    links: ["https://www.gov.uk/guidance/keeping-your-domain-name-secure", "https://www.rfc-editor.org/rfc/rfc8659"],
    messages: {
      missingCaa:
        "Zone {zone} has no CAA record at its apex, so any certificate authority may issue certificates for it.",
    },
    limitations:
      "A CAA record at a parent domain also applies to the zone; parents outside the scan are not seen. Reverse-mapping zones (in-addr.arpa, ip6.arpa) and the root are not checked: no certificates are issued for them.",
    resourceTypes: ["aws_route53_zone", "aws_route53_record"],
  },
  check(context) {
    context.forEachPublicZone((zone) => {
      const hasSoa = zone.records.some((record) => record.type === "SOA");
      // Without an SOA this is a fragment (an $INCLUDE'd file or a partial export), not a zone. A
      // hosted zone whose records are all managed elsewhere cannot be judged from here.
      if (zone.resource ? !zone.records.length : !hasSoa) return;
      // A zone looked up with a data source is managed elsewhere, its CAA records too.
      if (zone.resource?.mode === "data") return context.unknown(zone, "zone managed outside the scan");
      // No certificate is issued for reverse-mapping names or the root: CAA means nothing there.
      if (zone.origin === "." || /(?:^|\.)(?:in-addr|ip6)\.arpa\.$/i.test(zone.origin)) return;
      if (zone.records.some((record) => record.type === "CAA" && sameName(record.owner, zone.origin)))
        return context.pass(zone);
      context.report({ node: zone, messageId: "missingCaa", data: { zone: zone.origin } });
    });
  },
});
