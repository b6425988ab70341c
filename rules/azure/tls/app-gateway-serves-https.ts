import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { APP_GATEWAY_POLICIES } from "../../shared/azure.js";

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
      "Listeners no routing rule uses serve nothing and are not judged. Gateways whose listeners or routing rules come from `dynamic` blocks or are left to another controller (`lifecycle { ignore_changes = [http_listener] }`, as for the AKS ingress controller) are not judged. Listeners on private frontends, and path-based rules that redirect only some paths, are not judged. SSL profiles on listeners are not read. A gateway without `ssl_policy` is not reported: Azure has refused TLS 1.0 and 1.1 on every gateway since 31 August 2025, and the default policy of API versions from 2023-02-01 is AppGwSslPolicy20220101.",
  },
  check(context) {
    context.forEachResource("azurerm_application_gateway", (gateway) => {
      const publicFrontends = new Set(
        gateway
          .blocksOfType("frontend_ip_configuration")
          .filter((frontend) => frontend.attribute("public_ip_address_id"))
          .map((frontend) => asString(frontend.value("name"))),
      );
      const rules = gateway.blocksOfType("request_routing_rule");
      const redirects = new Set(
        rules
          .filter((rule) => rule.attribute("redirect_configuration_name"))
          .map((rule) => asString(rule.value("http_listener_name"))),
      );
      // A listener no routing rule uses serves nothing.
      const routed = new Set(rules.map((rule) => rule.value("http_listener_name")));
      // Listeners or rules from a dynamic block, or managed outside Terraform (ignore_changes, as the
      // AKS ingress controller requires), cannot be read.
      if (
        gateway
          .blocksOfType("dynamic")
          .some((block) => ["http_listener", "request_routing_rule"].includes(block.labels[0] ?? ""))
      )
        return context.unknown(gateway, "listeners or routing rules cannot be read");
      let hasHttps = false;
      for (const listener of gateway.blocksOfType("http_listener")) {
        const protocol = asString(listener.value("protocol"))?.toLowerCase();
        const name = asString(listener.value("name"));
        if (protocol === "https") hasHttps = true;
        if (protocol !== "http" || !publicFrontends.has(asString(listener.value("frontend_ip_configuration_name"))))
          continue;
        if (rules.length && !routed.has(listener.value("name")) && ![...routed].some(isUnknown)) continue;
        if (redirects.has(name)) context.pass(gateway);
        else
          context.report({
            node: listener.attribute("protocol") ?? listener,
            messageId: "httpServed",
            data: { listener: name ?? "?", resource: gateway.address },
            resource: gateway,
          });
      }
      if (hasHttps) checkPolicy(context, gateway);
    });
  },
});

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
