import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { Estate } from "../../../src/model/estate.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { isObject, isUnknown } from "../../../src/model/value.js";
import {
  ATTACHMENT_TYPES,
  LISTENER_TYPES,
  LOAD_BALANCER_TYPES,
  TARGET_GROUP_TYPES,
  listenerTargetGroups,
  listenersOf,
  offVpcTarget,
  targetGroupAttachments,
} from "../../shared/aws-load-balancers.js";
import { isNonPublic, isWithinAny } from "../../shared/ip-address-class.js";
import { onPrivateNetworkOutsideVpcs, vpcRanges } from "../../shared/aws-networks.js";

type MessageId = "loadBalancerTarget" | "cloudMapInstance";

/** A back end the API reaches through its VPC link that is on a private network outside AWS. */
interface OffNetworkBackend {
  node: AttributeNode;
  address: string;
  label: string;
  owner: ResourceNode;
  messageId: MessageId;
}

/** Cloud Map attributes that carry an instance's address. */
const INSTANCE_ADDRESS_KEYS = ["AWS_INSTANCE_IPV4", "AWS_INSTANCE_IPV6"];

/**
 * An API Gateway VPC link is meant to reach private resources inside a VPC. When the load balancer or
 * Cloud Map service behind it leads to addresses on premises (over Direct Connect or a VPN), the API
 * is public while its back end still lives on the private network.
 */
export default defineRule<MessageId>({
  meta: {
    id: "IFL-EXP-007",
    name: "api-backend-is-off-private-network",
    title: "API Gateway VPC links do not lead to back ends on private networks outside AWS",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-PRIVNET", "IF-C1-NETARCH", "IF-C1-IP", "IF-SUPPLIER"],
    rationale:
      "An API Gateway integration over a VPC link sends the API's traffic into a VPC. When the network load balancer (REST APIs) or the load balancer listener or Cloud Map service (HTTP APIs) behind the link forwards to private addresses outside every VPC in the scan, the API's back end is on premises or on HSCN, reached over Direct Connect or a VPN. The API looks Internet First but fails when the private circuit does, is limited by its capacity, and the back end cannot be retired from the private network until the dependency is planned out.",
    remediation:
      "Move the back end into the VPC, or publish it on the internet with TLS (and a WAF) and integrate with it over the internet. Until then, record the dependency and the circuit it uses on the asset register.",
    links: [
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-private-integration.html",
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#target-type",
    ],
    messages: {
      loadBalancerTarget:
        "{integration} reaches {address} ({label}) over its VPC link: {owner} registers it outside the VPC, so the API's back end is on a private network.",
      cloudMapInstance:
        "{integration} reaches {address} ({label}) over its VPC link: Cloud Map instance {owner} is outside the VPCs in the scan, so the API's back end is on a private network.",
    },
    resourceTypes: [
      "aws_api_gateway_integration",
      "aws_apigatewayv2_integration",
      "aws_api_gateway_vpc_link",
      ...LOAD_BALANCER_TYPES,
      ...LISTENER_TYPES,
      ...TARGET_GROUP_TYPES,
      ...ATTACHMENT_TYPES,
      "aws_service_discovery_instance",
    ],
    limitations:
      "The path is followed only through resources in the scan: a VPC link, load balancer, listener, target group or attachment defined elsewhere (another root module, the console) ends the trace without a verdict. Targets registered by ECS or Auto Scaling are in the VPC and are not examined; listener rules' forwarding is not followed, only listeners' default actions. Cloud Map instances are judged against the VPC ranges of their root module, so without the VPC in the scan only `privateNetworkRanges` are reported.",
  },
  check(context) {
    const estate = context.estate;
    context.forEachResource("aws_api_gateway_integration", (integration) => {
      const connection = integration.value("connection_type");
      if (isUnknown(connection)) return context.unknown(integration, "connection_type not known");
      if (connection !== "VPC_LINK") return;
      const link = integration.attribute("connection_id");
      const links = estate
        .referencedResources(link?.value)
        .filter((resource) => resource.resourceType === "aws_api_gateway_vpc_link");
      if (!link || !links.length) return context.unknown(integration, "VPC link not in the scan");
      const loadBalancers = links.flatMap((vpcLink) => estate.referencedResources(vpcLink.value("target_arns")));
      judge(
        context,
        integration,
        link,
        loadBalancers.flatMap((loadBalancer) => listenersOf(estate, loadBalancer)),
        [],
      );
    });
    context.forEachResource("aws_apigatewayv2_integration", (integration) => {
      const connection = integration.value("connection_type");
      if (isUnknown(connection)) return context.unknown(integration, "connection_type not known");
      if (connection !== "VPC_LINK") return;
      const uri = integration.attribute("integration_uri");
      const targets = estate.referencedResources(uri?.value);
      if (!uri || !targets.length) return context.unknown(integration, "integration target not in the scan");
      const listeners = targets.flatMap((target) =>
        (LOAD_BALANCER_TYPES as readonly string[]).includes(target.resourceType)
          ? listenersOf(estate, target)
          : (LISTENER_TYPES as readonly string[]).includes(target.resourceType)
            ? [target]
            : [],
      );
      judge(
        context,
        integration,
        uri,
        listeners,
        targets.filter((target) => target.resourceType === "aws_service_discovery_service"),
      );
    });
  },
});

function judge(
  context: RuleContext<MessageId>,
  integration: ResourceNode,
  via: AttributeNode,
  listeners: ResourceNode[],
  cloudMapServices: ResourceNode[],
): void {
  const found = [...loadBalancerBackends(context, listeners), ...cloudMapBackends(context, cloudMapServices)];
  if (found.includes("unknown")) return context.unknown(integration, "a back end address is not known");
  const backend = found.find((entry): entry is OffNetworkBackend => entry !== "unknown" && entry !== undefined);
  if (!backend) return context.pass(integration);
  context.report({
    node: via,
    messageId: backend.messageId,
    data: {
      integration: integration.address,
      address: backend.address,
      label: backend.label,
      owner: backend.owner.address,
    },
    resource: integration,
    related: [{ node: backend.node, message: `${backend.owner.address} registers ${backend.address}` }],
  });
}

function loadBalancerBackends(
  context: RuleContext<MessageId>,
  listeners: ResourceNode[],
): (OffNetworkBackend | "unknown" | undefined)[] {
  const estate = context.estate;
  const groups = new Set(listeners.flatMap((listener) => listenerTargetGroups(estate, listener)));
  return [...groups].flatMap((group) =>
    targetGroupAttachments(estate, group).map((attachment) => {
      const found = offVpcTarget(attachment, context.settings);
      if (found === "unknown" || found === undefined) return found;
      return {
        node: found.target,
        address: found.address,
        label: found.label,
        owner: attachment,
        messageId: "loadBalancerTarget" as const,
      };
    }),
  );
}

function cloudMapBackends(
  context: RuleContext<MessageId>,
  services: ResourceNode[],
): (OffNetworkBackend | "unknown" | undefined)[] {
  return services
    .flatMap((service) => instancesOf(context.estate, service))
    .map((instance) => {
      const attributes = instance.attribute("attributes");
      const value = attributes?.value;
      if (!attributes || isUnknown(value)) return "unknown";
      if (!isObject(value)) return undefined;
      const ranges = vpcRanges(context.estate, instance.module.root);
      for (const key of INSTANCE_ADDRESS_KEYS) {
        const address = value[key];
        if (isUnknown(address)) return "unknown";
        if (typeof address !== "string") continue;
        const outside = onPrivateNetworkOutsideVpcs(address, ranges, context.settings);
        if (outside === "unknown") return "unknown";
        if (!outside) continue;
        const label = isWithinAny(address, context.settings.privateNetworkRanges)
          ? "in the configured private network ranges"
          : (isNonPublic(address)?.label ?? "private");
        return { node: attributes, address, label, owner: instance, messageId: "cloudMapInstance" as const };
      }
      return undefined;
    });
}

function instancesOf(estate: Estate, service: ResourceNode): ResourceNode[] {
  return estate.referrers(service, "service_id", "aws_service_discovery_instance");
}
