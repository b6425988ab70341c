import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, asNumber, asString, isUnknown } from "../../../src/model/value.js";

const WEB_PORTS = new Set([80, 443, 8080, 8443]);
const TLS_PORTS = new Set([443, 8443]);

/** A classic ELB cannot redirect: an HTTP or TCP listener on a web port serves the service in plain text. */
export default defineRule({
  meta: {
    id: "IFL-TLS-010",
    name: "classic-elb-serves-tls",
    title: "Internet-facing classic load balancers serve web ports over TLS",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "Classic Load Balancers cannot redirect HTTP to HTTPS. An internet-facing `aws_elb` listener with `lb_protocol` HTTP or TCP on a web port therefore serves the application without TLS to anyone on the internet.",
    remediation:
      'Use `lb_protocol = "HTTPS"` (or SSL) with `ssl_certificate_id` on web ports, or move to an Application Load Balancer that redirects HTTP to HTTPS.',
    links: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html"],
    messages: {
      plainListener: "Classic load balancer {resource} serves port {port} over {protocol}, without TLS.",
    },
    resourceTypes: ["aws_elb"],
    limitations:
      "A TCP listener on 443 or 8443 is not judged: it passes TLS through to instances that may terminate it. An application that redirects HTTP to HTTPS itself cannot be seen, so an HTTP listener on a web port is reported even then. Listeners from `dynamic` blocks are not judged.",
  },
  check(context) {
    context.forEachResource("aws_elb", (elb) => {
      const internal = elb.value("internal");
      if (isUnknown(internal)) return context.unknown(elb, "internal not known");
      if (asBoolean(internal) === true) return;
      if (elb.blocksOfType("dynamic").some((block) => block.labels[0] === "listener"))
        context.unknown(elb, "listeners are generated dynamically");
      for (const listener of elb.blocksOfType("listener")) {
        const protocol = listener.attribute("lb_protocol");
        const port = asNumber(listener.value("lb_port"));
        const name = asString(protocol?.value)?.toUpperCase();
        if (!protocol || port === undefined || !name) {
          context.unknown(elb, "listener not known");
          continue;
        }
        // TCP on a TLS port passes TLS through to the instances, which may terminate it themselves.
        if (name === "TCP" && TLS_PORTS.has(port)) context.unknown(elb, `TCP passthrough on port ${port}`);
        else if ((name === "HTTP" || name === "TCP") && WEB_PORTS.has(port))
          context.report({
            node: protocol,
            messageId: "plainListener",
            data: { resource: elb.address, port, protocol: name },
            resource: elb,
          });
        else context.pass(elb);
      }
    });
  },
});
