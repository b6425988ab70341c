import { defineRule } from "../../../src/engine/rule.js";
import { asString } from "../../../src/model/value.js";
import { reportPrivateRecords } from "../../shared/private-records.js";
import { zoneVisibility } from "../../shared/route53.js";

/** A public name that resolves to a private address works only on the private network. */
export default defineRule({
  meta: {
    id: "IFL-ADDR-001",
    name: "public-dns-records-use-public-addresses",
    title: "A and AAAA records in public Route 53 zones point at public addresses",
    severity: "error",
    category: "private-addressing",
    guidance: ["IF-C1-IP", "IF-IPDNS"],
    rationale:
      "Services reached by private IP addresses cannot be reached over the internet. A record in a public hosted zone that resolves to an RFC 1918, shared (100.64.0.0/10), link-local, loopback or unique-local address, or one the internet does not route (RFC 2544 benchmarking 198.18.0.0/15, reserved 240.0.0.0/4), tells internet users where the service is, then sends them somewhere only HSCN-connected sites can reach.",
    remediation:
      "Publish the service on a public address (an internet-facing load balancer with an alias record, or a public IPv4/IPv6 address), or move the record to a private hosted zone if the service is meant to stay internal.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
      "https://www.rfc-editor.org/rfc/rfc1918",
    ],
    messages: {
      privateAddress:
        "{type} record {name} in public zone {zone} points at {address} ({label}), which is unreachable from the internet.",
    },
    resourceTypes: ["aws_route53_record", "aws_route53_zone"],
    limitations:
      "Records whose zone is outside the scan, or whose addresses come from unknown values, are not checked, except an address read from a private address attribute (`aws_instance.x.private_ip`, `!GetAtt Host.PrivateIp`), which is private whatever it turns out to be. Loopback addresses (a developer's localhost name) depend on no private network and are not reported. Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) stand in for public addresses in examples, so they pass.",
  },
  check(context) {
    context.forEachResource("aws_route53_record", (record) => {
      // An alias record (no `records`) is skipped before its type is evaluated.
      const records = record.attribute("records");
      if (!records) return;
      const type = asString(record.value("type"))?.toUpperCase();
      if (type !== "A" && type !== "AAAA") return;
      const zone = zoneVisibility(context.estate.referencedResources(record.value("zone_id")));
      if (zone.visibility === "unknown") return context.unknown(record, "zone not in the scan");
      if (zone.visibility === "private") return;
      if (!Array.isArray(records.value)) return context.unknown(record, "records not known");
      const found = reportPrivateRecords(context, record, () => ({
        type,
        name: asString(record.value("name")) ?? record.address,
        zone: zone.name,
      }));
      if (!found) context.pass(record);
    });
  },
});
