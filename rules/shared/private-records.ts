/** Reports the private addresses in a DNS record resource's `records` list (AWS and Azure alike). */
import type { RuleContext } from "../../src/engine/rule.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { isNonPublic, isWithinAny } from "./ip-address-class.js";

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
