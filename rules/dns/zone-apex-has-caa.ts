import { defineRule } from "../../src/engine/rule.js";
import type { DnsZone } from "../../src/model/dns.js";
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
      missingCaaParentUnseen:
        "Zone {zone} has no CAA record at its apex, so any certificate authority may issue certificates for it (unless a parent zone outside this scan sets CAA).",
    },
    limitations:
      "CAA climbs the tree (RFC 8659 §3): a zone is covered by CAA at the nearest ancestor name that has one, in a public zone of the scan. When no ancestor zone below the top-level domain is in the scan, the finding says a parent outside the scan may set CAA. Reverse-mapping zones (in-addr.arpa, ip6.arpa) and the root are not checked: no certificates are issued for them.",
    resourceTypes: ["aws_route53_zone", "aws_route53_record"],
  },
  check(context) {
    const publicZones = new Map<string, DnsZone[]>();
    for (const zone of context.estate.zones) {
      if (zone.isPrivate) continue;
      const key = canonical(zone.origin);
      publicZones.set(key, [...(publicZones.get(key) ?? []), zone]);
    }
    context.forEachPublicZone((zone) => {
      const hasSoa = zone.records.some((record) => record.type === "SOA");
      // Without an SOA this is a fragment (an $INCLUDE'd file or a partial export), not a zone. A
      // hosted zone (or octoDNS zone, whose SOA the provider adds) with no records cannot be judged from here.
      if (zone.resource || zone.keptIn ? !zone.records.length : !hasSoa) return;
      // A zone looked up with a data source is managed elsewhere, its CAA records too.
      if (zone.resource?.mode === "data") return context.unknown(zone, "zone managed outside the scan");
      // No certificate is issued for reverse-mapping names or the root: CAA means nothing there.
      if (zone.origin === "." || /(?:^|\.)(?:in-addr|ip6)\.arpa\.$/i.test(zone.origin)) return;
      if (zone.records.some((record) => record.type === "CAA" && sameName(record.owner, zone.origin)))
        return context.pass(zone);
      const inherited = caaAbove(zone.origin, publicZones);
      if (inherited === "found") return context.pass(zone);
      if (zone.incomplete) return context.unknown(zone, "part of the zone (an $INCLUDE) was not read");
      context.report({
        node: zone,
        messageId: inherited === "left-the-scan" ? "missingCaaParentUnseen" : "missingCaa",
        data: { zone: zone.origin },
      });
    });
  },
});

function canonical(name: string): string {
  return name.toLowerCase().replace(/\.?$/, ".");
}

function parentOf(name: string): string {
  const at = name.indexOf(".");
  return at < 0 || at === name.length - 1 ? "." : name.slice(at + 1);
}

/**
 * Climbs from the zone's parent towards the top-level domain as a CA does (RFC 8659 §3): each name
 * is looked up in the deepest public zone of the scan that holds it. "left-the-scan" when no
 * ancestor zone below the top-level domain is in the scan (a parent's CAA cannot be seen).
 */
function caaAbove(origin: string, zones: ReadonlyMap<string, DnsZone[]>): "found" | "left-the-scan" | "none" {
  let seenAncestor = false;
  for (let name = parentOf(canonical(origin)); name !== "." && parentOf(name) !== "."; name = parentOf(name)) {
    let holder: DnsZone[] | undefined;
    for (let candidate = name; candidate !== "." && !holder; candidate = parentOf(candidate))
      holder = zones.get(candidate);
    // With an ancestor zone in the scan, its own finding speaks for the parents beyond it.
    if (!holder) return seenAncestor ? "none" : "left-the-scan";
    seenAncestor = true;
    if (holder.some((zone) => zone.records.some((record) => record.type === "CAA" && sameName(record.owner, name))))
      return "found";
  }
  return "none";
}
