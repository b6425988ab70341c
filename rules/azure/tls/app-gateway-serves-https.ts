import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import type { BlockNode, ResourceNode } from "../../../src/model/nodes.js";
import { APP_GATEWAY_POLICIES } from "../../shared/azure.js";
import { hasDynamic, listenerIsPublic, rulesOfListener } from "../../shared/azure-app-gateway.js";
import { blockLabel } from "../../shared/block-labels.js";

/** Application Gateway is often the public front door of services that used to be on HSCN. */
export default defineRule({
  meta: {
    id: "IFL-TLS-008",
    name: "azure-app-gateway-serves-https",
    title: "Public Application Gateway listeners redirect HTTP to HTTPS and use TLS 1.2 or later",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "An HTTP listener on a public frontend serves the application in plain text unless its routing rule redirects to HTTPS. The SSL policy decides the oldest TLS a client may use: a policy that still names TLS 1.0 or 1.1 says the gateway is meant to serve clients that need them. Since 31 August 2025 Application Gateway negotiates TLS 1.2 or later whatever its policy, so a gateway without `ssl_policy` (whose default once depended on the API version that created it) is not reported.",
    remediation:
      'Route HTTP listeners to a `redirect_configuration` with `redirect_type = "Permanent"` and an HTTPS target listener, and set `ssl_policy { policy_type = "Predefined"  policy_name = "AppGwSslPolicy20220101" }`.',
    links: [
      "https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_gateway",
    ],
    messages: {
      httpServed: "Listener {listener} of {resource} serves HTTP on a public frontend without redirecting to HTTPS.",
      weakPolicy: "Application gateway {resource} uses {policy}, which allows TLS {version}.",
    },
    resourceTypes: ["azurerm_application_gateway"],
    limitations:
      "Listeners no routing rule uses serve nothing and are not judged. Gateways whose listeners or routing rules come from `dynamic` blocks or are left to another controller (`lifecycle { ignore_changes = [http_listener] }`, as for the AKS ingress controller) are not judged. Listeners on private frontends, and path-based rules that redirect only some paths, are not judged. Block names not known here (locals or variables outside the scan) are matched as far as the code allows (a gateway whose frontends are all public, a rule that can name only one listener); a listener whose frontend or routing rule they leave open is not judged, and a finding names such a listener by its position and the expression that names it. SSL profiles on listeners are not read. A gateway without `ssl_policy` is not reported: Azure has refused TLS 1.0 and 1.1 on every gateway since 31 August 2025, and the default policy of API versions from 2023-02-01 is AppGwSslPolicy20220101.",
  },
  check(context) {
    context.forEachResource("azurerm_application_gateway", (gateway) => {
      // Listeners or rules from a dynamic block, or managed outside Terraform (ignore_changes, as the
      // AKS ingress controller requires), cannot be read.
      if (hasDynamic(gateway, "http_listener") || hasDynamic(gateway, "request_routing_rule"))
        return context.unknown(gateway, "listeners or routing rules cannot be read");
      const routingRules = gateway.blocksOfType("request_routing_rule").length;
      let hasHttps = false;
      for (const [index, listener] of gateway.blocksOfType("http_listener").entries()) {
        const protocol = asString(listener.value("protocol"))?.toLowerCase();
        if (protocol === "https") hasHttps = true;
        if (protocol !== "http") continue;
        const isPublic = listenerIsPublic(gateway, listener);
        if (isPublic === "no") continue;
        if (isPublic === "unknown") {
          context.unknown(gateway, "which frontend a listener uses is not known");
          continue;
        }
        const served = servesPlainHttp(gateway, listener, routingRules);
        if (served === "unknown") context.unknown(gateway, "which routing rule uses a listener is not known");
        else if (served === "redirected") context.pass(gateway);
        else if (served === "served")
          context.report({
            node: listener.attribute("protocol") ?? listener,
            messageId: "httpServed",
            data: { listener: blockLabel(listener, index + 1), resource: gateway.address },
            resource: gateway,
          });
      }
      if (hasHttps) checkPolicy(context, gateway);
    });
  },
});

/**
 * What a public HTTP listener does with a request: its routing rule redirects it, serves it, or
 * there is none (a listener no rule uses serves nothing). With no rules in the code, it serves.
 */
function servesPlainHttp(
  gateway: ResourceNode,
  listener: BlockNode,
  routingRules: number,
): "served" | "redirected" | "unrouted" | "unknown" {
  if (!routingRules) return "served";
  const { certain, possible } = rulesOfListener(gateway, listener);
  const redirects = (rule: BlockNode) => rule.attribute("redirect_configuration_name") !== undefined;
  if (certain.some(redirects)) return "redirected";
  // A listener has one routing rule: a rule that is certainly its own settles it.
  if (certain.length) return "served";
  return possible.length ? "unknown" : "unrouted";
}

function checkPolicy(context: RuleContext, gateway: ResourceNode): void {
  const policy = gateway.firstBlock("ssl_policy");
  // Azure negotiates TLS 1.2 or later on every gateway since 31 August 2025, whatever the default once was.
  if (!policy) return context.pass(gateway);
  const name = policy.attribute("policy_name");
  const minimum = policy.attribute("min_protocol_version");
  if (isUnknown(name?.value) || isUnknown(minimum?.value)) return context.unknown(gateway, "ssl_policy not known");
  const named = asString(name?.value);
  if (named && APP_GATEWAY_POLICIES[named] && APP_GATEWAY_POLICIES[named] !== "1.2") {
    return context.report({
      node: name ?? policy,
      messageId: "weakPolicy",
      data: { resource: gateway.address, policy: named, version: APP_GATEWAY_POLICIES[named] },
      resource: gateway,
    });
  }
  const custom = asString(minimum?.value);
  if (custom === "TLSv1_0" || custom === "TLSv1_1")
    return context.report({
      node: minimum ?? policy,
      messageId: "weakPolicy",
      data: {
        resource: gateway.address,
        policy: `a custom policy with min_protocol_version ${custom}`,
        version: custom.slice(4).replace("_", "."),
      },
      resource: gateway,
    });
  context.pass(gateway);
}
