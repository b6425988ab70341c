import { defineRule } from "../../../src/engine/rule.js";

const KINDS: Record<string, string> = {
  aws_vpn_connection: "a site-to-site VPN connection",
  aws_customer_gateway: "a customer gateway (the on-premises end of a VPN)",
  aws_dx_connection: "a Direct Connect circuit",
  aws_dx_gateway: "a Direct Connect gateway",
  aws_ec2_client_vpn_endpoint: "a client VPN endpoint",
};

/** Private circuits are exactly what Internet First asks organisations to find and plan out. */
export default defineRule({
  meta: {
    id: "IFL-EXP-002",
    name: "private-connectivity-is-recorded",
    title: "Private network connectivity is recorded as a dependency and planned out",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-PRIVNET", "IF-SUPPLIER", "IF-C1-REGISTER", "IF-C3-PLAN"],
    rationale:
      "VPNs, Direct Connect circuits and customer gateways tie services to private networks such as HSCN. The consumer guidance asks organisations to find and document every service that relies on the private network, and the supplier guidance says access should not depend on a VPN. Each such resource is a dependency to record on the asset register and remove in the implementation plan.",
    remediation:
      "Record the dependency on the asset register (what reaches what over it), then plan its removal: publish the services it carries on the internet with TLS and a WAF. Suppress this finding with a reason and an `until` date while the plan runs.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/consumer-guidance",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/supplier-guidance",
    ],
    messages: {
      privateLink:
        "{resource} is {kind}: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    resourceTypes: Object.keys(KINDS),
    limitations:
      "An inventory: every private-network link in the scan is reported, because each is a dependency to record and plan out. Links created outside Terraform, or in modules fetched from registries, are not seen.",
  },
  check(context) {
    context.forEachResource(Object.keys(KINDS), (resource) => {
      context.report({
        node: resource,
        messageId: "privateLink",
        data: { resource: resource.address, kind: KINDS[resource.resourceType] },
      });
    });
  },
});
