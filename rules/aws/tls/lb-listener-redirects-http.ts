import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import type { BlockNode } from "../../../src/model/nodes.js";
import {
  LISTENER_TYPES,
  listenerLoadBalancers,
  listenerExposure,
  loadBalancerType,
} from "../../shared/aws-load-balancers.js";

/** An HTTP listener may only redirect to HTTPS; anything else serves the service in plain text. */
export default defineRule({
  meta: {
    id: "IFL-TLS-001",
    name: "lb-listener-redirects-http",
    title: "HTTP listeners on internet-facing load balancers redirect to HTTPS",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "On the private network, plain HTTP was hidden from the internet. Once a service is internet-facing, anything it serves over HTTP can be read and changed in transit. GOV.UK's service manual allows plain HTTP only to redirect to HTTPS.",
    remediation:
      'Make the listener\'s default action a redirect: `default_action { type = "redirect"  redirect { protocol = "HTTPS"  port = "443"  status_code = "HTTP_301" } }`, and serve the application from an HTTPS listener.',
    links: [
      "https://www.gov.uk/service-manual/technology/using-https",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener",
    ],
    messages: {
      servesHttp: "Listener {resource} serves HTTP without redirecting to HTTPS (default action: {action}).",
      servesHttpIfPublic:
        "Listener {resource} serves HTTP without redirecting to HTTPS (default action: {action}); this holds if its load balancer ({loadBalancer}) is internet-facing.",
    },
    resourceTypes: [...LISTENER_TYPES],
    limitations:
      "Listener rules (`aws_lb_listener_rule`) that forward some paths over HTTP are not yet checked; internal load balancers are left to the exposure rules. A listener whose load balancer is not in the scan (a variable, a data source, a remote module's output) or whose `internal` is unknown is reported as conditional: it holds if the load balancer is internet-facing.",
  },
  check(context) {
    context.forEachResource(LISTENER_TYPES, (listener) => {
      const loadBalancers = listenerLoadBalancers(context.estate, listener);
      const protocolAttribute = listener.attribute("protocol");
      let protocol = protocolAttribute?.value;
      if (protocol === undefined || protocol === null) {
        // The provider defaults the protocol to HTTP only for application load balancers.
        const types = loadBalancers.map(loadBalancerType);
        if (!types.length || types.some((type) => type !== "application"))
          return context.unknown(listener, "protocol not set and load balancer type not known");
        protocol = "HTTP";
      }
      if (isUnknown(protocol)) return context.unknown(listener, protocol.reason);
      if (asString(protocol)?.toUpperCase() !== "HTTP") return;
      // An internal load balancer exempts the listener; one the scan cannot see or judge makes the finding conditional.
      const exposure = listenerExposure(context.estate, listener, loadBalancers);
      if (exposure === "internal") return;
      const unseen = exposure === "internet-facing" ? undefined : exposure;

      const actions = listener.blocksOfType("default_action");
      const verdict = httpActionVerdict(actions);
      if (verdict === "unknown") return context.unknown(listener, "default action not known");
      if (verdict === "redirects") return context.pass(listener);
      const action = actions.map((block) => asString(block.value("type")) ?? "?").join(", ") || "none";
      context.report({
        node: protocolAttribute ?? listener,
        messageId: unseen ? "servesHttpIfPublic" : "servesHttp",
        data: { resource: listener.address, action, ...(unseen ? { loadBalancer: unseen.loadBalancer } : {}) },
        resource: listener,
        basis: actions.map((block) => block.attribute("type")),
        conditional: unseen && { reason: unseen.reason, related: [] },
      });
    });
  },
});

function httpActionVerdict(actions: readonly BlockNode[]): "redirects" | "serves" | "unknown" {
  // The action with the lowest order runs first; without orders, the first one listed.
  const first = actions[0];
  if (!first) return "unknown";
  const type = first.value("type");
  if (isUnknown(type)) return "unknown";
  if (type !== "redirect") return "serves";
  const protocol = first.firstBlock("redirect")?.value("protocol");
  if (isUnknown(protocol)) return "unknown";
  // A redirect with no protocol keeps the request's protocol (HTTP), so it is not an upgrade.
  return asString(protocol)?.toUpperCase() === "HTTPS" ? "redirects" : "serves";
}
