import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { containsUnknown, isObject, isUnknown, type Value } from "../../../src/model/value.js";
import { isWithinAny, privateAddressesInText } from "../../shared/ip-address-class.js";
import { parseJson, stringsIn } from "../../shared/value-strings.js";

type MessageId = "containerEnvironment" | "lambdaEnvironment" | "parameter" | "output";

/** A private IP address written into configuration is a dependency on private addressing that a DNS name would not be. */
export default defineRule({
  meta: {
    id: "IFL-ADDR-005",
    name: "configuration-names-services",
    title: "Configuration handed to software and other systems names services by DNS, not by private IP address",
    severity: "warning",
    category: "private-addressing",
    guidance: ["IF-C1-IP", "IF-IPDNS", "IF-C1-REGISTER"],
    rationale:
      "A private IP address in a container's environment, a Lambda function's environment, an SSM parameter or a root module output hard-wires a dependency on a private network: the software can reach that service only over the VPC, HSCN or a VPN, and the address must be found and changed before the service behind it can move to public addressing. The IP, DNS and hosting guidance asks organisations to document their use of IP addressing and to find services through DNS names.",
    remediation:
      "Refer to the service by a DNS name (a Route 53 record, or the endpoint attribute of the resource, such as `aws_db_instance.pas.address`), and record the dependency on the asset register until the service it points at has moved.",
    links: ["https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance"],
    messages: {
      containerEnvironment:
        "Container {container} of {resource} is given {address} ({label}) in {variable}, an address only a private network can reach; name the service in DNS instead.",
      lambdaEnvironment:
        "Function {resource} is given {address} ({label}) in environment variable {variable}, an address only a private network can reach; name the service in DNS instead.",
      parameter:
        "Parameter {resource} holds {address} ({label}), an address only a private network can reach; name the service in DNS instead.",
      output:
        "Output {output} publishes {address} ({label}), an address only a private network can reach; name the service in DNS instead.",
    },
    resourceTypes: ["aws_ecs_task_definition", "aws_lambda_function", "aws_ssm_parameter"],
    limitations:
      "Only addresses written in the code (or in variable defaults and tfvars) are seen; addresses computed at apply time, such as an instance's `private_ip`, are not. Only IPv4 addresses in text are found. Addresses in `allowedCidrs` are not reported; loopback and link-local addresses (sidecars, the ECS and EC2 metadata endpoints) are not private-network dependencies and are ignored, as are addresses ending in .0 or .255 (a range's network and broadcast addresses) and outputs of network settings that can only be addresses (DNS servers, route next hops, a firewall's private IP).",
  },
  check(context) {
    context.forEachResource("aws_ecs_task_definition", (task) => {
      const definitions = task.attribute("container_definitions");
      if (!definitions) return;
      if (typeof definitions.value !== "string") return context.unknown(task, "container_definitions not known");
      const containers = parseJson(definitions.value);
      if (!Array.isArray(containers)) return context.unknown(task, "container_definitions is not a JSON list");
      let found = false;
      containers.forEach((container, index) => {
        if (!isObject(container) || !Array.isArray(container.environment)) return;
        const name = typeof container.name === "string" ? container.name : `#${index + 1}`;
        container.environment.forEach((variable, position) => {
          if (!isObject(variable) || typeof variable.value !== "string") return;
          const [hit] = addresses(context, variable.value);
          if (!hit) return;
          found = true;
          // At the variable's value where the definitions are written in HCL (jsonencode), else the whole attribute.
          context.report({
            node: definitions,
            path: [index, "environment", position, "value"],
            messageId: "containerEnvironment",
            data: { container: name, resource: task.address, variable: String(variable.name), ...hit },
            resource: task,
          });
        });
      });
      if (!found) context.pass(task);
    });

    context.forEachResource("aws_lambda_function", (fn) => {
      const variables = fn.firstBlock("environment")?.attribute("variables");
      if (!variables) return;
      if (!isObject(variables.value)) return context.unknown(fn, "environment variables not known");
      const found = reportEach(context, fn, variables, Object.entries(variables.value), "lambdaEnvironment");
      if (!found && containsUnknown(variables.value)) context.unknown(fn, "an environment variable is not known");
    });

    context.forEachResource("aws_ssm_parameter", (parameter) => {
      for (const name of ["value", "insecure_value"]) {
        const value = parameter.attribute(name);
        if (!value) continue;
        if (isUnknown(value.value)) context.unknown(parameter, `${name} not known`);
        else reportEach(context, parameter, value, [[undefined, value.value]], "parameter");
      }
    });

    // Root module outputs are what other systems and pipelines read; module outputs stay inside Terraform.
    for (const output of context.estate.rootOutputs) {
      const value = output.block.attribute("value");
      if (!value) continue;
      for (const [path, text] of stringsIn(value.value)) {
        const [hit] = addresses(context, text);
        if (!hit) continue;
        // Asked only of an output holding an address: reading the expression again costs more than most values.
        if (readsNetworkSetting(value)) break;
        context.report({ node: value, path, messageId: "output", data: { output: output.name, ...hit } });
        break;
      }
    }
  },
});

/**
 * The private addresses in a text that configuration does not allow. An address ending in .0 or
 * .255 is a range's network or broadcast address (`cidrhost(range, 0)`), not a service.
 */
function addresses(context: RuleContext<MessageId>, text: string): { address: string; label: string }[] {
  return privateAddressesInText(text).filter(
    (hit) => !/\.(0|255)$/.test(hit.address) && !isWithinAny(hit.address, context.settings.allowedCidrs),
  );
}

/**
 * Network settings that can only be addresses (a virtual network's DNS servers, a route's next hop,
 * a firewall's private IP used as one): publishing them names no service that DNS could.
 */
const NETWORK_SETTINGS = new Set([
  "dns_servers",
  "next_hop_in_ip_address",
  "next_hop_ip_address",
  "private_ip_address",
  "ip_configuration",
]);

function readsNetworkSetting(attribute: AttributeNode): boolean {
  const read = attribute.attributeNamesRead?.();
  if (read) for (const name of read) if (NETWORK_SETTINGS.has(name)) return true;
  return false;
}

/** Reports the first private address of each entry (an environment variable, a parameter value); true if any. */
function reportEach(
  context: RuleContext<MessageId>,
  resource: ResourceNode,
  attribute: AttributeNode,
  entries: [string | undefined, Value][],
  messageId: "lambdaEnvironment" | "parameter",
): boolean {
  let found = false;
  for (const [key, value] of entries) {
    if (typeof value !== "string") continue;
    const [hit] = addresses(context, value);
    if (!hit) continue;
    found = true;
    context.report({
      node: attribute,
      path: key === undefined ? undefined : [key],
      messageId,
      data: { resource: resource.address, variable: key ?? "", ...hit },
      resource,
    });
  }
  if (!found && !containsUnknown(attribute.value)) context.pass(resource);
  return found;
}
