import { defineRule } from "../../src/engine/rule.js";
import { delegatedNames, isGlue } from "../shared/dns-names.js";
import { isNonPublic } from "../shared/ip-address-class.js";

/** Public addressing may be IPv4 or IPv6; names with both are ready for either. */
export default defineRule({
  meta: {
    id: "IFL-DNS-003",
    name: "zone-names-have-ipv6",
    title: "Names with IPv4 addresses also publish IPv6 addresses",
    severity: "note",
    category: "dns",
    guidance: ["IF-IPDNS"],
    rationale:
      "The IP, DNS and hosting guidance expects services moving off private IPv4 to use public addressing, either IPv4 or IPv6. A name with an A record and no AAAA record cannot be reached by IPv6-only clients and records no IPv6 plan on the asset register.",
    remediation:
      "Publish AAAA records for the name (most load balancers and CDNs offer dual-stack addresses), or record on the asset register why the service stays IPv4-only.",
    links: ["https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance"],
    messages: {
      ipv4Only: "{owner} has an IPv4 address (A) but no IPv6 address (AAAA).",
    },
    limitations:
      "Glue records for delegated names, and names whose IPv4 address is not public (reported by the private-addressing rules), are not checked; names served by other zones are not seen. An octoDNS record Cloudflare proxies (`octodns: { cloudflare: { proxied: true } }`) is answered with Cloudflare's own IPv4 and IPv6 addresses, so it passes.",
    resourceTypes: ["aws_route53_zone", "aws_route53_record"],
  },
  check(context) {
    context.forEachPublicZone((zone) => {
      const delegations = delegatedNames(zone);
      const ipv6 = new Set(
        zone.records.filter((record) => record.type === "AAAA").map((record) => record.owner.toLowerCase()),
      );
      const reported = new Set<string>();
      for (const record of zone.records) {
        // A name whose address is not public is the private-addressing rules' concern, not IPv6's.
        if (record.type !== "A" || isGlue(record, delegations) || record.data.some((address) => isNonPublic(address)))
          continue;
        const owner = record.owner.toLowerCase();
        if (reported.has(owner)) continue;
        reported.add(owner);
        // A proxied record is answered with the proxy's own IPv4 and IPv6 addresses.
        if (ipv6.has(owner) || record.proxied) context.pass(record);
        else if (zone.incomplete) context.unknown(record, "part of the zone (an $INCLUDE) was not read");
        else context.report({ node: record, messageId: "ipv4Only", data: { owner: record.owner } });
      }
    });
  },
});
