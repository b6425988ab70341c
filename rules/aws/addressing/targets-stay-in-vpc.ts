import { defineRule } from "../../../src/engine/rule.js";
import { ATTACHMENT_TYPES, offVpcTarget } from "../../shared/aws-load-balancers.js";

/**
 * AWS registers an IP target outside the target group's VPC only with `availability_zone = "all"`:
 * the load balancer then reaches it over Direct Connect, a VPN or a peering — for an NHS estate,
 * typically a server still on the private network behind a cloud front end.
 */
export default defineRule({
  meta: {
    id: "IFL-ADDR-011",
    name: "targets-stay-in-vpc",
    title: "Load balancer IP targets are not private addresses outside the VPC",
    severity: "warning",
    category: "private-addressing",
    guidance: ["IF-C1-PRIVNET", "IF-C1-IP", "IF-C1-NETARCH"],
    rationale:
      "A public load balancer (or an API Gateway VPC link to one) that forwards to a private IP address outside its VPC depends on a private circuit to an on-premises or HSCN-hosted server. The service looks Internet First from the outside while its back end still needs the private network, and the circuit's capacity and availability limit it.",
    remediation:
      "Move the back end into the VPC (or publish it on the internet with TLS and have the front end reach it there), record the dependency on the asset register, and plan the circuit's retirement.",
    links: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_target_group_attachment",
    ],
    messages: {
      outsideVpc:
        'Target group attachment {resource} sends traffic to {address} ({label}) outside the VPC (availability_zone = "all"), over a private circuit.',
    },
    resourceTypes: [...ATTACHMENT_TYPES],
    limitations:
      'Only attachments registered with `availability_zone = "all"` are judged; targets in peered VPCs also use it and are reported, to be confirmed or suppressed with the reason. Addresses in `allowedCidrs` are not reported; addresses in `privateNetworkRanges` are, even when they look public.',
  },
  check(context) {
    context.forEachResource(ATTACHMENT_TYPES, (attachment) => {
      const found = offVpcTarget(attachment, context.settings);
      if (found === "unknown") return context.unknown(attachment, "target or zone not known");
      if (!found) return context.pass(attachment);
      context.report({
        node: found.target,
        messageId: "outsideVpc",
        data: { resource: attachment.address, address: found.address, label: found.label },
        resource: attachment,
      });
    });
  },
});
