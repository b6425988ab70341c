import { defineRule, type RuleSettings } from "../../../src/engine/rule.js";
import type { Estate } from "../../../src/model/estate.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { asNumber, asString, isUnknown } from "../../../src/model/value.js";
import {
  type FrontDoors,
  LOAD_BALANCER_TYPES,
  listenersOf,
  loadBalancerExposure,
  loadBalancerFrontDoors,
  loadBalancerType,
} from "../../shared/aws-load-balancers.js";
import { covers, ingressRules } from "../../shared/aws-security-groups.js";
import { onPrivateNetworkOutsideVpcs, vpcRanges } from "../../shared/aws-networks.js";
import { reachOf } from "../../shared/untraceable-links.js";

const WEB_PROTOCOLS = new Set(["HTTP", "HTTPS"]);

/** A private range a security group admits on a web port: evidence of users on a private network. */
interface PrivateClients {
  port: number;
  cidr: string;
  attribute: AttributeNode;
}

/** A web service on an internal load balancer that admits private networks outside AWS is one its users reach over those networks. */
export default defineRule({
  meta: {
    id: "IFL-EXP-005",
    name: "internal-web-lb-is-published",
    title:
      "Internal load balancers serving HTTP(S) to private networks are published through an internet-facing front door, or recorded as internal",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-POLICY", "IF-C1-PRIVNET", "IF-C1-REGISTER"],
    rationale:
      "The Internet First policy expects services that present to users or integrating systems outside an internal network to be internet-facing. A load balancer with `internal = true` serving HTTP or HTTPS, whose security group admits private ranges outside the VPCs in the scan (HSCN or on-premises sites, reached over VPN or Direct Connect), and with nothing in front of it on the internet (a CloudFront origin or VPC origin, an API Gateway VPC link, Global Accelerator, another load balancer), is a service its users reach over a private network: a dependency to record and plan out.",
    remediation:
      "Publish the service: make the load balancer internet-facing (behind a WAF), or put CloudFront (with a VPC origin) or API Gateway in front of it. If it is internal by design, record it on the asset register and list it in `internalServices` in the iflint configuration with the reason.",
    links: [
      "https://digital.nhs.uk/services/internet-first/policy",
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html",
    ],
    messages: {
      privateOnly:
        "Internal load balancer {resource} serves {protocol} on port {port} to {cidr}, a private range outside the VPCs in the scan, and nothing in the scan publishes it to the internet: its users reach it over a private network.",
    },
    resourceTypes: [
      ...LOAD_BALANCER_TYPES,
      "aws_lb_listener",
      "aws_security_group",
      "aws_security_group_rule",
      "aws_vpc_security_group_ingress_rule",
      "aws_vpc",
      "aws_cloudfront_distribution",
      "aws_cloudfront_vpc_origin",
      "aws_apigatewayv2_integration",
      "aws_api_gateway_vpc_link",
      "aws_globalaccelerator_endpoint_group",
      "aws_lb_target_group_attachment",
    ],
    limitations:
      "Only load balancers whose security groups admit private ranges outside the scanned VPCs are reported: those admitting other security groups or the VPC's own ranges serve other systems in AWS. Front doors and VPCs in other Terraform root modules are not visible (without the VPC in the scan, the rule does not judge, except for ranges within the configured `privateNetworkRanges`). Ranges in `allowedCidrs` and load balancers in `internalServices` are not reported. A front door whose target cannot be traced leaves the load balancers of its root module unjudged and makes the findings of the repository's other root modules conditional.",
  },
  check(context) {
    const estate = context.estate;
    // Worked out when the first internal load balancer serving HTTP(S) asks: an estate without one never does.
    let doors: FrontDoors | undefined;
    context.forEachResource(LOAD_BALANCER_TYPES, (loadBalancer) => {
      if (loadBalancerExposure(loadBalancer) !== "internal") return;
      const type = loadBalancerType(loadBalancer);
      if (type === undefined) return context.unknown(loadBalancer, "load_balancer_type not known");
      // Only application load balancers have HTTP and HTTPS listeners.
      if (type !== "application") return;
      const web = new Map<number, string>();
      for (const listener of listenersOf(estate, loadBalancer)) {
        const protocolValue = listener.value("protocol");
        if (isUnknown(protocolValue)) return context.unknown(loadBalancer, "listener protocol not known");
        // The provider defaults an application load balancer's listener protocol to HTTP.
        const protocol = asString(protocolValue)?.toUpperCase() ?? "HTTP";
        if (!WEB_PROTOCOLS.has(protocol)) continue;
        const port = asNumber(listener.value("port"));
        if (port === undefined) return context.unknown(loadBalancer, "listener port not known");
        web.set(port, protocol);
      }
      if (!web.size) return;
      doors ??= loadBalancerFrontDoors(estate);
      if (doors.fronted.has(loadBalancer) || context.settings.isInternalService(loadBalancer))
        return context.pass(loadBalancer);
      const clients = privateClients(estate, loadBalancer, [...web.keys()], context.settings);
      if (clients === "none") return context.pass(loadBalancer);
      if (clients === "unknown") return context.unknown(loadBalancer, "who the load balancer admits is not known");
      // Only a load balancer that would be reported asks which front doors cannot be traced.
      const untraceable = reachOf(doors.untraceable, loadBalancer, { verb: "publishes", participle: "published" });
      if (untraceable.unknown) return context.unknown(loadBalancer, "a front door cannot be traced");
      const { port, cidr, attribute } = clients;
      context.report({
        node: loadBalancer.attribute("internal") ?? loadBalancer,
        messageId: "privateOnly",
        data: { resource: loadBalancer.address, protocol: web.get(port) ?? "HTTP", port, cidr },
        resource: loadBalancer,
        related: [{ node: attribute, message: `ingress from ${cidr}` }],
        conditional: untraceable.conditional,
        basis: [attribute],
      });
    });
  },
});

/** The first private range outside the scanned VPCs that the load balancer's security groups admit on a web port. */
function privateClients(
  estate: Estate,
  loadBalancer: ResourceNode,
  ports: number[],
  settings: RuleSettings,
): PrivateClients | "none" | "unknown" {
  const groupsValue = loadBalancer.value("security_groups");
  // Without its security groups in the scan (or with the VPC's default group), who it admits is not known.
  if (isUnknown(groupsValue) || (Array.isArray(groupsValue) && groupsValue.some((group) => typeof group === "string")))
    return "unknown";
  const groups = estate
    .referencedResources(groupsValue)
    .filter((resource) => resource.resourceType === "aws_security_group");
  if (!groups.length) return "unknown";
  const ranges = vpcRanges(estate, loadBalancer.module.root);
  let unknown = false;
  for (const group of groups) {
    const rules = ingressRules(estate, group);
    if (!rules) return "unknown";
    for (const port of ports) {
      for (const match of rules.map((rule) => covers(rule, port))) {
        if (match === false) continue;
        if (match.covers === "unknown" || match.rule.opaque) {
          unknown = true;
          continue;
        }
        for (const attribute of match.rule.cidrs) {
          if (!Array.isArray(attribute.value)) {
            unknown = true;
            continue;
          }
          for (const cidr of attribute.value) {
            if (typeof cidr !== "string") {
              unknown = true;
              continue;
            }
            const outside = onPrivateNetworkOutsideVpcs(cidr, ranges, settings);
            if (outside === true) return { port, cidr, attribute };
            if (outside === "unknown") unknown = true;
          }
        }
      }
    }
  }
  return unknown ? "unknown" : "none";
}
