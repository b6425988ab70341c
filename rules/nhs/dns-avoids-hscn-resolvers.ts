import { defineRule, type RuleContext } from "../../src/engine/rule.js";
import type { AttributeNode, BlockNode, ResourceNode } from "../../src/model/nodes.js";
import { isUnknown } from "../../src/model/value.js";
import { stringsIn } from "../shared/value-strings.js";

/** The HSCN DNS resolvers (NHS Digital's RIPE addresses), as data/nhs-national-endpoints.md records them. */
const HSCN_RESOLVERS = new Set(["155.231.231.1", "155.231.231.2"]);

type MessageId = "forwardsToHscn";

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
    },
    resourceTypes: DNS_SETTINGS.map((setting) => setting.type),
    limitations:
      "Only the two HSCN resolver addresses are recognised; forwarding to a trust's own resolvers on HSCN is IFL-EXP-006's (with `privateNetworkRanges`). Host names of HSCN resolvers (cns0.nhs.uk, cns1.nhs.uk) and the NHSmail relay (relay.nhs.uk) are reported by IFL-EXP-014 wherever configuration names them. Addresses in dynamic blocks are not seen.",
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
