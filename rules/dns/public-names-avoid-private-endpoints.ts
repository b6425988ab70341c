import { defineRule, type RuleContext } from "../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../src/model/nodes.js";
import { asString, type Value } from "../../src/model/value.js";
import { zoneVisibility } from "../shared/route53.js";
import { azureZoneLabel } from "../shared/azure.js";

/**
 * Host names of AWS interface endpoints: public DNS answers with the endpoint's private addresses.
 * (Azure `*.privatelink.*` names are not matched: outside a linked network they resolve to the
 * service's public endpoint, so only a reference to the private endpoint itself is judged there.)
 */
const PRIVATE_ENDPOINT_NAME = /\.vpce\.amazonaws\.com\.?$/i;

/** Resources whose addresses are private endpoints. */
const PRIVATE_ENDPOINT_TYPES = new Set(["azurerm_private_endpoint", "aws_vpc_endpoint"]);

/** A public name that leads to a private endpoint resolves for nobody on the internet. */
export default defineRule({
  meta: {
    id: "IFL-ADDR-009",
    name: "public-names-avoid-private-endpoints",
    title: "Public DNS names do not point at private endpoints",
    severity: "error",
    category: "private-addressing",
    guidance: ["IF-IPDNS", "IF-C1-IP", "IF-C1-PRIVNET"],
    rationale:
      "Private endpoints (Azure Private Link, AWS interface endpoints) have private addresses only; AWS endpoint names (`*.vpce.amazonaws.com`) resolve to them in public DNS. A CNAME or alias in a public zone that leads to a private endpoint gives internet users a name they cannot reach: the service still depends on the private network.",
    remediation:
      "Publish the service through an internet-facing front (Front Door, Application Gateway, an internet-facing load balancer, CloudFront) and point the public name at that; keep private-endpoint names in private DNS zones only.",
    links: [
      "https://learn.microsoft.com/azure/private-link/private-endpoint-dns",
      "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html",
    ],
    messages: {
      privateEndpointName:
        "{type} record {name} in public zone {zone} points at {target}, a private endpoint's name, which resolves to private addresses internet users cannot reach.",
      privateEndpoint:
        "{type} record {name} in public zone {zone} points at {target}, a private endpoint, which internet users cannot reach.",
    },
    resourceTypes: [
      "aws_route53_record",
      "azurerm_dns_cname_record",
      "azurerm_dns_a_record",
      "azurerm_dns_aaaa_record",
      "azurerm_private_endpoint",
      "aws_vpc_endpoint",
    ],
    limitations:
      "Azure private endpoints are recognised by reference only (a `*.privatelink.*` name resolves publicly to the service's public endpoint); AWS endpoints by reference or by their `*.vpce.amazonaws.com` name. Private DNS names of endpoint services are not recognised.",
  },
  check(context) {
    context.forEachPublicZone((zone) => {
      if (zone.resource) return; // Route 53 records are checked below, with their references.
      for (const record of zone.records) {
        if (record.type !== "CNAME") continue;
        const target = record.data[0] ?? "";
        if (PRIVATE_ENDPOINT_NAME.test(target))
          context.report({
            node: record,
            path: [0],
            messageId: "privateEndpointName",
            data: { type: "CNAME", name: record.owner, zone: zone.origin, target },
          });
        else context.pass(record);
      }
    });
    context.forEachResource("aws_route53_record", (record) => {
      const zone = zoneVisibility(context.estate.referencedResources(record.value("zone_id")));
      if (zone.visibility === "private") return;
      const targets = [
        ...record.blocksOfType("alias").map((alias) => ({ attribute: alias.attribute("name") })),
        ...listItems(record.attribute("records")),
      ];
      checkTargets(context, record, targets, zone.visibility === "unknown" ? undefined : zone.name);
    });
    context.forEachResource(
      ["azurerm_dns_cname_record", "azurerm_dns_a_record", "azurerm_dns_aaaa_record"],
      (record) => {
        const targets = [
          { attribute: record.attribute("record") },
          { attribute: record.attribute("target_resource_id") },
        ];
        // Azure DNS zones are public (private zones are other types): the zone matters only for the message.
        checkTargets(context, record, targets, azureZoneLabel(record));
      },
    );
  },
});

function listItems(attribute: AttributeNode | undefined): { attribute: AttributeNode; index?: number }[] {
  return attribute && Array.isArray(attribute.value) ? attribute.value.map((_, index) => ({ attribute, index })) : [];
}

/** Reports targets that are private endpoints, by reference or by name; unknown zone visibility defers. */
function checkTargets(
  context: RuleContext,
  record: ResourceNode,
  targets: { attribute: AttributeNode | undefined; index?: number }[],
  zone: string | undefined,
): void {
  let reported = false;
  for (const { attribute, index } of targets) {
    if (!attribute) continue;
    const value: Value = index === undefined ? attribute.value : (attribute.value as Value[])[index];
    const endpoint = context.estate
      .referencedResources(value)
      .find((resource) => PRIVATE_ENDPOINT_TYPES.has(resource.resourceType));
    const text = typeof value === "string" && PRIVATE_ENDPOINT_NAME.test(value) ? value : undefined;
    if (!endpoint && !text) continue;
    if (zone === undefined) return context.unknown(record, "zone not in the scan");
    reported = true;
    // Only a finding names the record: most records are never reported, so their names are not evaluated.
    const type =
      asString(record.value("type"))?.toUpperCase() ??
      (record.resourceType.match(/dns_(\w+)_record$/)?.[1] ?? "?").toUpperCase();
    const name = asString(record.value("name")) ?? record.address;
    const path = index === undefined ? undefined : [index];
    if (endpoint)
      context.report({
        node: attribute,
        path,
        messageId: "privateEndpoint",
        data: { type, name, zone, target: endpoint.address },
        resource: record,
      });
    else
      context.report({
        node: attribute,
        path,
        messageId: "privateEndpointName",
        data: { type, name, zone, target: text as string },
        resource: record,
      });
  }
  if (!reported) context.pass(record);
}
