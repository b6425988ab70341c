import { defineRule } from "../../src/engine/rule.js";
import { delegatedNames, isGlue } from "../shared/dns-names.js";
import { isNonPublic, isWithinAny } from "../shared/ip-address-class.js";

/** The zone-file counterpart of IFL-ADDR-001: a public name must not lead to a private address. */
export default defineRule({
  meta: {
    id: "IFL-ADDR-003",
    name: "public-zone-records-use-public-addresses",
    title: "A and AAAA records in public zone files point at public addresses",
    severity: "error",
    category: "private-addressing",
    guidance: ["IF-C1-IP", "IF-IPDNS"],
    rationale:
      "Services reached by private IP addresses cannot be reached over the internet. An A or AAAA record in a public zone that resolves to an RFC 1918, shared (100.64.0.0/10), link-local, loopback or unique-local address, or one the internet does not route (RFC 2544 benchmarking 198.18.0.0/15, reserved 240.0.0.0/4), publishes a name that only HSCN-connected sites can use.",
    remediation:
      "Publish the service on a public IPv4 or IPv6 address (or a CNAME to a public load balancer or CDN), or move the record to a zone that is private by design and list it in `privateZones`.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
      "https://www.rfc-editor.org/rfc/rfc1918",
    ],
    messages: {
      privateAddress:
        "{type} record {owner} in public zone {zone} points at {address} ({label}), which is unreachable from the internet.",
    },
    limitations:
      "Glue for delegated names is the child zone's business and is not checked; ranges listed in `allowedCidrs` are accepted, and loopback addresses (a developer's localhost name) depend on no private network. Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) stand in for public addresses in examples, so they pass.",
  },
  check(context) {
    context.forEachPublicZone((zone) => {
      // Route 53 records are IFL-ADDR-001's, with their Terraform context.
      if (zone.resource) return;
      const delegations = delegatedNames(zone);
      for (const record of zone.records) {
        if ((record.type !== "A" && record.type !== "AAAA") || isGlue(record, delegations)) continue;
        const address = record.data[0];
        const kind = address ? isNonPublic(address) : undefined;
        // Loopback (a developer's localhost name) depends on no private network.
        if (!kind || kind.kind === "loopback" || isWithinAny(address, context.settings.allowedCidrs)) {
          context.pass(record);
          continue;
        }
        context.report({
          node: record,
          path: [0],
          messageId: "privateAddress",
          data: { type: record.type, owner: record.owner, zone: zone.origin, address, label: kind.label },
        });
      }
    });
  },
});
