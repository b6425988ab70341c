import { defineRule } from "../../src/engine/rule.js";
import { asString, isUnknown } from "../../src/model/value.js";
import { isNonPublic } from "../shared/ip-address-class.js";

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
    remediation: "Move the back end into the VPC (or publish it on the internet with TLS and have the front end reach it there), record the dependency on the asset register, and plan the circuit's retirement.",
    links: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type", "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_target_group_attachment"],
    messages: {
      outsideVpc: "Target group attachment {resource} sends traffic to {address} ({label}) outside the VPC (availability_zone = \"all\"), over a private circuit.",
    },
    resourceTypes: ["aws_lb_target_group_attachment", "aws_alb_target_group_attachment"],
    limitations: "Only attachments registered with `availability_zone = \"all\"` are judged; targets in peered VPCs also use it and are reported, to be confirmed or suppressed with the reason.",
  },
  check(context) {
    context.forEachResource(["aws_lb_target_group_attachment", "aws_alb_target_group_attachment"], (attachment) => {
      const zone = attachment.value("availability_zone");
      const target = attachment.attribute("target_id");
      if (isUnknown(zone) || !target || isUnknown(target.value)) return context.unknown(attachment, "target or zone not known");
      if (asString(zone) !== "all") return context.pass(attachment);
      const address = asString(target.value);
      const kind = address ? isNonPublic(address) : undefined;
      if (!address || !kind) return context.pass(attachment);
      context.report({ node: target, messageId: "outsideVpc", data: { resource: attachment.address, address, label: kind.label }, resource: attachment });
    });
  },
});
