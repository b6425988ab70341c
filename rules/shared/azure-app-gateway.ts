/**
 * An Application Gateway's blocks refer to each other by name (a listener names its frontend, a
 * routing rule its listener). Names often come from locals or variables outside the scan; what can
 * still be told without them is told, so an unknown name silences no rule that can decide.
 */
import type { BlockNode, ResourceNode } from "../../src/model/nodes.js";
import { asString, isUnknown, type Value } from "../../src/model/value.js";

export type Answer = "yes" | "no" | "unknown";

/** Whether the gateway has `dynamic` blocks of a type: blocks the code does not show. */
export function hasDynamic(gateway: ResourceNode, type: string): boolean {
  return gateway.blocksOfType("dynamic").some((block) => block.labels[0] === type);
}

/**
 * The blocks a name can refer to. A known name picks the block of that name, or, when no block
 * has it, one whose own name is not known; an unknown or missing name may be any of them (the
 * provider lets a gateway with one frontend leave it out). `open` says blocks from `dynamic` may
 * be meant too.
 */
function blocksNamed(
  blocks: readonly BlockNode[],
  name: Value | undefined,
  open: boolean,
): { blocks: readonly BlockNode[]; open: boolean } {
  const known = asString(name);
  if (known !== undefined) {
    const exact = blocks.filter((block) => asString(block.value("name")) === known);
    if (exact.length) return { blocks: exact, open: false };
    return { blocks: blocks.filter((block) => isUnknown(block.value("name"))), open };
  }
  return { blocks, open };
}

function isPublicFrontend(frontend: BlockNode): boolean {
  return frontend.attribute("public_ip_address_id") !== undefined;
}

/** Whether a listener serves on a frontend IP configuration that has a public IP. */
export function listenerIsPublic(gateway: ResourceNode, listener: BlockNode): Answer {
  const { blocks, open } = blocksNamed(
    gateway.blocksOfType("frontend_ip_configuration"),
    listener.value("frontend_ip_configuration_name"),
    hasDynamic(gateway, "frontend_ip_configuration"),
  );
  if (!open && blocks.length && blocks.every(isPublicFrontend)) return "yes";
  if (!open && !blocks.some(isPublicFrontend)) return "no";
  return "unknown";
}

/**
 * Whether an Application Gateway serves on a public frontend: a listener on a frontend IP
 * configuration with a public IP. (v2 SKUs need a public frontend even when only a private one listens.)
 */
export function gatewayListensPublicly(gateway: ResourceNode): Answer {
  const frontends = gateway.blocksOfType("frontend_ip_configuration");
  const dynamicFrontends = hasDynamic(gateway, "frontend_ip_configuration");
  if (!frontends.some(isPublicFrontend)) return dynamicFrontends ? "unknown" : "no";
  // Every frontend public: whichever a listener names, it is public, whatever the names are.
  if (!dynamicFrontends && frontends.every(isPublicFrontend)) return "yes";
  const listeners = gateway.blocksOfType("http_listener");
  const answers = listeners.map((listener) => listenerIsPublic(gateway, listener));
  if (answers.includes("yes")) return "yes";
  if (hasDynamic(gateway, "http_listener")) return "unknown";
  // The provider requires a listener; without one in the code, go by the frontends.
  if (!listeners.length) return "yes";
  return answers.includes("unknown") ? "unknown" : "no";
}

/**
 * The routing rules that use a listener: `certain` are rules that can name no other listener;
 * `possible` adds rules whose listener name is not known and may be this one.
 */
export function rulesOfListener(
  gateway: ResourceNode,
  listener: BlockNode,
): { certain: BlockNode[]; possible: BlockNode[] } {
  const listeners = gateway.blocksOfType("http_listener");
  const open = hasDynamic(gateway, "http_listener");
  const certain: BlockNode[] = [];
  const possible: BlockNode[] = [];
  for (const rule of gateway.blocksOfType("request_routing_rule")) {
    const named = blocksNamed(listeners, rule.value("http_listener_name"), open);
    if (!named.blocks.includes(listener)) continue;
    possible.push(rule);
    if (named.blocks.length === 1 && !named.open) certain.push(rule);
  }
  return { certain, possible };
}
