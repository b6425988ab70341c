/** Reports the private addresses in a DNS record resource's `records` list (AWS and Azure alike). */
import type { RuleContext } from "../../src/engine/rule.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { isModuleOutput, isUnknown, type Reference, type Value } from "../../src/model/value.js";
import { isNonPublic, isWithinAny } from "./ip-address-class.js";

/** Attributes that hold a resource's private address (`aws_instance.app.private_ip`, `!GetAtt Host.PrivateIp`). */
const PRIVATE_ADDRESS_ATTRIBUTES = new Set([
  "private_ip",
  "private_ips",
  "private_ip_address",
  "private_ip_addresses",
  "PrivateIp",
  "PrivateIpAddress",
]);

/** The private address attribute an address not known here is read from, as written; undefined otherwise. */
function privateAddressRead(value: Value): string | undefined {
  if (!isUnknown(value) || value.references.length !== 1) return undefined;
  const [reference] = value.references;
  // A resource's attribute, not a module's output that happens to be so named.
  if (isModuleOutput(reference.address)) return undefined;
  return PRIVATE_ADDRESS_ATTRIBUTES.has(reference.path[0] ?? "") ? written(reference) : undefined;
}

function written(reference: Reference): string {
  const key = reference.key === undefined ? "" : `[${JSON.stringify(reference.key)}]`;
  return `${reference.address}${key}.${reference.path.join(".")}`;
}

/**
 * Returns whether any address was reported; addresses in `allowedCidrs` are accepted, and loopback
 * (a developer's `localhost.example.org`) depends on no private network. `describe` names the record
 * for the messages: asked only when one is reported, so most records' names are never evaluated.
 */
export function reportPrivateRecords(
  context: RuleContext,
  record: ResourceNode,
  describe: () => { type: string; name: string; zone: string },
): boolean {
  const records = record.attribute("records");
  if (!records || !Array.isArray(records.value)) return false;
  let found = false;
  let data: { type: string; name: string; zone: string } | undefined;
  records.value.forEach((address, index) => {
    // Not known until apply, but read from a private address attribute: private whatever it is.
    const privateAttribute = privateAddressRead(address);
    if (privateAttribute !== undefined) {
      found = true;
      context.report({
        node: records,
        path: [index],
        messageId: "privateAddress",
        data: { ...(data ??= describe()), address: privateAttribute, label: "a private address" },
        resource: record,
      });
      return;
    }
    if (typeof address !== "string") return;
    const kind = isNonPublic(address);
    if (!kind || kind.kind === "loopback" || isWithinAny(address, context.settings.allowedCidrs)) return;
    found = true;
    context.report({
      node: records,
      path: [index],
      messageId: "privateAddress",
      data: { ...(data ??= describe()), address, label: kind.label },
      resource: record,
    });
  });
  return found;
}
