import { defineRule } from "../../../src/engine/rule.js";
import { asString } from "../../../src/model/value.js";
import { reportPrivateRecords } from "../../shared/private-records.js";
import { azureZoneLabel } from "../../shared/azure.js";

const RECORD_TYPES = ["azurerm_dns_a_record", "azurerm_dns_aaaa_record"];

/** Azure public DNS zones (azurerm_dns_zone) answer the internet; private zones are separate resources. */
export default defineRule({
  meta: {
    id: "IFL-ADDR-004",
    name: "azure-public-dns-records-use-public-addresses",
    title: "A and AAAA records in Azure public DNS zones point at public addresses",
    severity: "error",
    category: "private-addressing",
    guidance: ["IF-C1-IP", "IF-IPDNS"],
    rationale:
      "`azurerm_dns_a_record` and `azurerm_dns_aaaa_record` live in public Azure DNS zones. A record there that resolves to a private, shared, link-local or unique-local address, or one the internet does not route (benchmarking, reserved), publishes a name only the private network can use. Records meant to stay private belong in an `azurerm_private_dns_zone`.",
    remediation:
      "Point the record at a public address (or use `target_resource_id` with a public IP or Front Door), or move it to an `azurerm_private_dns_a_record` in a private DNS zone.",
    links: [
      "https://learn.microsoft.com/azure/dns/private-dns-overview",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
    ],
    messages: {
      privateAddress:
        "{type} record {name} in public zone {zone} points at {address} ({label}), which is unreachable from the internet.",
    },
    resourceTypes: RECORD_TYPES,
    limitations:
      "Only literal `records` are judged, and addresses read from a private address attribute (`azurerm_network_interface.x.private_ip_address`), which are private whatever they turn out to be; records that use `target_resource_id` are judged by IFL-ADDR-009. Records in `azurerm_private_dns_zone` are private by design and not read. Addresses in `allowedCidrs`, and loopback addresses (a developer's localhost name), are not reported. Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) stand in for public addresses in examples, so they pass.",
  },
  check(context) {
    context.forEachResource(RECORD_TYPES, (record) => {
      if (!Array.isArray(record.value("records"))) return;
      const type = record.resourceType === "azurerm_dns_a_record" ? "A" : "AAAA";
      const found = reportPrivateRecords(context, record, () => ({
        type,
        name: asString(record.value("name")) ?? record.address,
        zone: azureZoneLabel(record),
      }));
      if (!found) context.pass(record);
    });
  },
});
