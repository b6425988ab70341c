/**
 * How findings name what they are about when its name is not known here: a name from a local or a
 * variable outside the scan is said as written, never as "?".
 */
import type { AttributeNode, BlockNode } from "../../src/model/nodes.js";
import { asString, isUnknown } from "../../src/model/value.js";

/** Longer expressions are not quoted: they would not help a reader find the block. */
const MAX_QUOTED = 60;

/** A reference such as `local.listener`, `var.names["http"]` or `props.zoneName`. */
const PLAIN_REFERENCE = /^[A-Za-z_][\w-]*(\.[\w-]+|\[("[^"]*"|\d+)\])+$|^[A-Za-z_]\w*$/;

/**
 * The expression an unknown value was written as, when it is a plain reference short enough to
 * quote (`local.listener`; `"${local.listener}"` in Terraform JSON); undefined otherwise.
 */
export function writtenAs(attribute: AttributeNode | undefined): string | undefined {
  if (!attribute || !isUnknown(attribute.value)) return undefined;
  const text = attribute.valueRange.text.trim();
  const expression = /^"\$\{([^{}"]+)\}"$/.exec(text)?.[1]?.trim() ?? text;
  // A plan's unknown is written as a JSON literal, which says nothing of where the value comes from.
  if (["null", "true", "false"].includes(expression)) return undefined;
  return expression.length <= MAX_QUOTED && PLAIN_REFERENCE.test(expression) ? expression : undefined;
}

/**
 * A nested block's name, or when that is not known its position among the blocks of its type
 * (1-based) and the expression that names it: `#2 (named by local.listener)`.
 */
export function blockLabel(block: BlockNode, position: number, attribute = "name"): string {
  const name = block.attribute(attribute);
  const known = asString(name?.value);
  if (known !== undefined) return known;
  const written = writtenAs(name);
  return written ? `#${position} (named by ${written})` : `#${position}`;
}
