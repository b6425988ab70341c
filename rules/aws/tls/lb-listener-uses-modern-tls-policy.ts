import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import { LISTENER_TYPES, listenerLoadBalancers, listenerExposure } from "../../shared/aws-load-balancers.js";
import { ELB_DEFAULT_POLICY, elbPolicyMinimumTls, tlsBelow } from "../../shared/aws-tls-policies.js";

/** TLS 1.0 and 1.1 are broken or deprecated; NCSC and NHS cloud guidance require TLS 1.2 or later. */
export default defineRule({
  meta: {
    id: "IFL-TLS-002",
    name: "lb-listener-uses-modern-tls-policy",
    title: "HTTPS and TLS listeners use a security policy with TLS 1.2 or later",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "NHS-CLOUD-DATA", "IF-C1-SEC"],
    rationale:
      "An internet-facing service is exposed to every client on the internet, including ones that force old protocol versions. TLS 1.0 and 1.1 are deprecated (RFC 8996); NCSC guidance for external services and the NHS cloud data guidance call for TLS 1.2 as the minimum. AWS's default policy for a listener without `ssl_policy`, ELBSecurityPolicy-2016-08, still allows TLS 1.0.",
    remediation:
      'Set `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"` (TLS 1.2 and 1.3) or a stricter policy on every HTTPS and TLS listener.',
    links: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
      "https://www.ncsc.gov.uk/guidance/tls-external-facing-services",
    ],
    messages: {
      weakPolicy: "Listener {resource} uses {policy}, which allows TLS {version}.",
      defaultPolicy: "Listener {resource} sets no ssl_policy, so AWS applies {policy}, which allows TLS 1.0.",
      weakPolicyIfPublic:
        "Listener {resource} uses {policy}, which allows TLS {version}; this matters if its load balancer ({loadBalancer}) is internet-facing.",
      defaultPolicyIfPublic:
        "Listener {resource} sets no ssl_policy, so AWS applies {policy}, which allows TLS 1.0; this matters if its load balancer ({loadBalancer}) is internet-facing.",
    },
    resourceTypes: [...LISTENER_TYPES],
    limitations:
      "Custom security policies and policy names AWS adds later are treated as unknown. A listener whose load balancer is not in the scan, or whose `internal` is unknown, is reported as conditional: it matters if the load balancer is internet-facing.",
  },
  check(context) {
    context.forEachResource(LISTENER_TYPES, (listener) => {
      const protocol = listener.value("protocol");
      if (isUnknown(protocol)) return context.unknown(listener, protocol.reason);
      const name = asString(protocol)?.toUpperCase();
      if (name !== "HTTPS" && name !== "TLS") return;
      const loadBalancers = listenerLoadBalancers(context.estate, listener);
      const exposure = listenerExposure(context.estate, listener, loadBalancers);
      if (exposure === "internal") return;
      const unseen = exposure === "internet-facing" ? undefined : exposure;
      const conditional: Record<string, string> = unseen ? { loadBalancer: unseen.loadBalancer } : {};
      const policyAttribute = listener.attribute("ssl_policy");
      const policy = policyAttribute?.value;
      if (policy === undefined || policy === null) {
        context.report({
          node: listener.attribute("protocol") ?? listener,
          messageId: unseen ? "defaultPolicyIfPublic" : "defaultPolicy",
          data: { resource: listener.address, policy: ELB_DEFAULT_POLICY, ...conditional },
          resource: listener,
          conditional: unseen && { reason: unseen.reason, related: [] },
        });
        return;
      }
      if (isUnknown(policy) || typeof policy !== "string") return context.unknown(listener, "ssl_policy not known");
      const minimum = elbPolicyMinimumTls(policy);
      if (!minimum) return context.unknown(listener, `unrecognised policy ${policy}`);
      if (!tlsBelow(minimum, "1.2")) return context.pass(listener);
      context.report({
        node: policyAttribute ?? listener,
        messageId: unseen ? "weakPolicyIfPublic" : "weakPolicy",
        data: { resource: listener.address, policy, version: minimum, ...conditional },
        resource: listener,
        conditional: unseen && { reason: unseen.reason, related: [] },
      });
    });
  },
});
