import { defineRule } from "../../../src/engine/rule.js";
import { endpointTarget } from "../../shared/aws-vpc-endpoints.js";

const KINDS: Record<string, string> = {
  aws_vpn_connection: "a site-to-site VPN connection",
  aws_customer_gateway: "a customer gateway (the on-premises end of a VPN)",
  aws_dx_connection: "a Direct Connect circuit",
  aws_dx_gateway: "a Direct Connect gateway",
  aws_ec2_client_vpn_endpoint: "a client VPN endpoint",
};

const ENDPOINT_TYPE = "aws_vpc_endpoint";

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
      "VPNs, Direct Connect circuits, customer gateways and PrivateLink endpoints to other accounts' endpoint services tie services to private networks such as HSCN (from AWS, HSCN services such as the national directory are reached through a partner's endpoint service). The consumer guidance asks organisations to find and document every service that relies on the private network, and the supplier guidance says access should not depend on a VPN. Each such resource is a dependency to record on the asset register and remove in the implementation plan.",
    remediation:
      "Record the dependency on the asset register (what reaches what over it), then plan its removal: publish the services it carries on the internet with TLS and a WAF, and reach the systems behind an endpoint service at their internet endpoints. Suppress this finding with a reason and an `until` date while the plan runs.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/consumer-guidance",
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/supplier-guidance",
      "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-saas.html",
    ],
    messages: {
      privateLink:
        "{resource} is {kind}: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
      endpointService:
        "{resource} is an interface endpoint to the endpoint service {service} (PrivateLink), a private connection to a system outside the estate: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
      unknownService:
        "{resource} is an interface endpoint whose service name is not known here; if it names another account's endpoint service (PrivateLink) rather than an AWS service, services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    resourceTypes: [...Object.keys(KINDS), ENDPOINT_TYPE],
    limitations:
      "An inventory: every private-network link in the scan is reported, because each is a dependency to record and plan out. Links created outside Terraform, or in modules fetched from registries, are not seen. A VPC endpoint counts when it is an Interface endpoint (Terraform's and CloudFormation's default type is Gateway) of an endpoint service (`com.amazonaws.vpce.<region>.vpce-svc-…`); endpoints of AWS services (`com.amazonaws.<region>.<service>`) are not dependencies. One whose service name is not known here (a variable, a secret) is a note, conditional on the name being an endpoint service's. Gateway Load Balancer and VPC Lattice resource endpoints are not judged.",
  },
  check(context) {
    context.forEachResource(Object.keys(KINDS), (resource) => {
      context.report({
        node: resource,
        messageId: "privateLink",
        data: { resource: resource.address, kind: KINDS[resource.resourceType] },
      });
    });
    context.forEachResource(ENDPOINT_TYPE, (endpoint) => {
      const target = endpointTarget(context.estate, endpoint);
      if (target.kind === "endpoint-service")
        return context.report({
          node: target.attribute,
          resource: endpoint,
          messageId: "endpointService",
          data: { resource: endpoint.address, service: target.name },
        });
      if (target.kind !== "unknown") return context.pass(endpoint);
      // An unknown service name is no proof: a note, holding only if it names an endpoint service.
      context.report({
        node: target.attribute ?? endpoint,
        resource: endpoint,
        messageId: "unknownService",
        data: { resource: endpoint.address },
        severity: "note",
        conditional: {
          reason: "holds only if its service name, not known here, names another account's endpoint service",
          related: [],
        },
      });
    });
  },
});
