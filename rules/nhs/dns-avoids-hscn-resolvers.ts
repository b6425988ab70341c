import { defineRule, type RuleContext } from "../../src/engine/rule.js";
import type { AttributeNode, BlockNode, ResourceNode } from "../../src/model/nodes.js";
import { isUnknown } from "../../src/model/value.js";
import { isWithinAny } from "../shared/ip-address-class.js";
import { stringsIn } from "../shared/value-strings.js";

/** The HSCN DNS resolvers (NHS Digital's RIPE addresses), as data/nhs-national-endpoints.md records them. */
const HSCN_RESOLVERS = new Set(["155.231.231.1", "155.231.231.2"]);

type MessageId = "forwardsToHscn" | "routesToHscn";

/** Routes: the resource type, the blocks holding routes (none: the resource is one), and the destination attribute. */
const ROUTES: readonly { type: string; blocks: readonly string[]; attribute: string }[] = [
  { type: "aws_route", blocks: [], attribute: "destination_cidr_block" },
  { type: "aws_route_table", blocks: ["route"], attribute: "cidr_block" },
  { type: "azurerm_route", blocks: [], attribute: "address_prefix" },
  { type: "azurerm_route_table", blocks: ["route"], attribute: "address_prefix" },
];

/** Shorter prefixes (a default route, a supernet of the internet) are not about the resolvers. */
const NARROWEST_ROUTE_PREFIX = 16;

/** Where DNS servers are configured: the resource type, the blocks to walk into, and the attributes holding addresses. */
const DNS_SETTINGS: readonly {
  type: string;
  blocks: readonly string[];
  attributes: readonly string[];
  what: string;
}[] = [
  { type: "aws_route53_resolver_rule", blocks: ["target_ip"], attributes: ["ip"], what: "forwards queries to" },
  {
    type: "aws_vpc_dhcp_options",
    blocks: [],
    attributes: ["domain_name_servers"],
    what: "gives instances the DNS server",
  },
  { type: "azurerm_virtual_network", blocks: [], attributes: ["dns_servers"], what: "gives the VNet the DNS server" },
  {
    type: "azurerm_virtual_network_dns_servers",
    blocks: [],
    attributes: ["dns_servers"],
    what: "gives the VNet the DNS server",
  },
  {
    type: "azurerm_network_interface",
    blocks: [],
    attributes: ["dns_servers"],
    what: "gives the interface the DNS server",
  },
  {
    type: "azurerm_private_dns_resolver_forwarding_rule",
    blocks: ["target_dns_servers"],
    attributes: ["ip_address"],
    what: "forwards queries to",
  },
  { type: "azurerm_firewall_policy", blocks: ["dns"], attributes: ["servers"], what: "proxies DNS to" },
];

/** Resolving names through HSCN's resolvers ties everything that uses them to the private network. */
export default defineRule<MessageId>({
  meta: {
    id: "IFL-EXP-015",
    name: "dns-avoids-hscn-resolvers",
    title: "DNS is not forwarded to the HSCN resolvers",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-NHSD", "IF-C1-PRIVNET", "IF-IPDNS"],
    rationale:
      "155.231.231.1 and 155.231.231.2 are the HSCN DNS resolvers, reachable only over HSCN. A Route 53 Resolver rule, VPC DHCP options, an Azure VNet, network interface, DNS forwarding ruleset rule or firewall DNS proxy that sends queries to them makes every service in that network depend on HSCN for its names, and usually for the national services those names lead to. Internet First asks for public DNS and for national services to be reached over their internet routes.",
    remediation:
      "Resolve through the cloud's own resolver (Route 53 Resolver, Azure-provided DNS) and public DNS, move each national service the network reaches to its internet route (docs/national-services.md), then remove the forwarding. Record the dependency on the asset register and in the plan until it has gone.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
      "https://digital.nhs.uk/services/health-and-social-care-network",
    ],
    messages: {
      forwardsToHscn:
        "{resource} {what} {address}, an HSCN DNS resolver, so names resolved there depend on the private network; resolve through public DNS and reach national services over their internet routes.",
      routesToHscn:
        "{resource} routes {cidr}, which holds the HSCN DNS resolvers, so this network can send DNS queries to them over a private link; resolve through public DNS and remove the route once nothing uses it.",
    },
    resourceTypes: [...DNS_SETTINGS.map((setting) => setting.type), ...ROUTES.map((route) => route.type)],
    limitations:
      "Only the two HSCN resolver addresses are recognised (and routes of a /16 or narrower that hold them); forwarding to a trust's own resolvers on HSCN is IFL-EXP-006's (with `privateNetworkRanges`). Host names of HSCN resolvers (cns0.nhs.uk, cns1.nhs.uk) and the NHSmail relay (relay.nhs.uk) are reported by IFL-EXP-014 wherever configuration names them. Addresses in dynamic blocks are not seen.",
  },
  check(context) {
    for (const setting of DNS_SETTINGS) {
      context.forEachResource(setting.type, (resource) => {
        const containers: BlockNode[] = setting.blocks.length
          ? setting.blocks.flatMap((type) => resource.blocksOfType(type))
          : [resource];
        let unknown = false;
        let found = false;
        for (const container of containers) {
          for (const name of setting.attributes) {
            const attribute = container.attribute(name);
            if (!attribute) continue;
            if (isUnknown(attribute.value)) unknown = true;
            found = reportResolvers(context, resource, attribute, setting.what) || found;
          }
        }
        if (found) return;
        if (unknown) context.unknown(resource, "DNS servers not known");
        else context.pass(resource);
      });
    }
    for (const route of ROUTES) {
      context.forEachResource(route.type, (resource) => {
        const containers: BlockNode[] = route.blocks.length
          ? route.blocks.flatMap((type) => resource.blocksOfType(type))
          : [resource];
        for (const container of containers) {
          const destination = container.attribute(route.attribute);
          const cidr = destination?.value;
          if (!destination || typeof cidr !== "string" || !holdsResolver(cidr)) continue;
          context.report({
            node: destination,
            messageId: "routesToHscn",
            data: { resource: resource.address, cidr },
            resource,
          });
        }
      });
    }
  },
});

function reportResolvers(
  context: RuleContext<MessageId>,
  resource: ResourceNode,
  attribute: AttributeNode,
  what: string,
): boolean {
  let found = false;
  for (const [path, text] of stringsIn(attribute.value)) {
    const address = text.trim();
    if (!HSCN_RESOLVERS.has(address)) continue;
    found = true;
    context.report({
      node: attribute,
      path,
      messageId: "forwardsToHscn",
      data: { resource: resource.address, what, address },
      resource,
    });
  }
  return found;
}

/** Whether a route's destination (a /16 or narrower) holds an HSCN resolver. */
function holdsResolver(cidr: string): boolean {
  const prefix = Number(cidr.split("/")[1] ?? "32");
  if (!Number.isInteger(prefix) || prefix < NARROWEST_ROUTE_PREFIX) return false;
  return [...HSCN_RESOLVERS].some((address) => isWithinAny(address, [cidr]));
}
