/** How CDKTF's generated bindings name things, so TypeScript maps onto Terraform's names. */
import { cryptoModule } from "../../source/lazy-builtins.js";

/** `loadBalancerArn` → `load_balancer_arn`, as the provider bindings' `toTerraform` functions do. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** `lb-listener` (a binding's module path) → `lb_listener`. */
export function moduleNameToType(segment: string): string {
  return segment.replace(/-/g, "_");
}

/**
 * The Terraform name CDKTF gives a construct created directly in a stack: its id without the
 * characters Terraform names do not allow. (Constructs nested deeper get a hashed path name,
 * which only synthesis knows; the JSON, when scanned too, supplies it.)
 */
export function logicalId(constructId: string): string {
  return allowedCharacters(constructId) || "construct";
}

/**
 * The Terraform name CDKTF gives a construct at `path` (construct ids from its stack down): the id
 * alone for a construct made directly in the stack, else the path's ids joined with `_` and the
 * first eight hex digits of the path's MD5, as CDKTF's HashedAddressingScheme allocates it (ids
 * named `Default` are left out, `Resource` is hashed but not shown, an id that ends the one before
 * it is shown once).
 */
export function cdktfLogicalId(path: readonly string[]): string {
  const components = path.filter((id) => id !== "Default");
  if (components.length === 0) return "construct";
  if (components.length === 1) {
    const alone = allowedCharacters(components[0]);
    if (alone.length <= 255) return alone;
  }
  const hash = cryptoModule().createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const shown: string[] = [];
  for (const id of components) if (!shown.length || !shown[shown.length - 1].endsWith(id)) shown.push(id);
  const human = shown
    .filter((id) => id !== "Resource")
    .map(allowedCharacters)
    .join("_")
    .slice(0, 240);
  return `${human}_${hash}`;
}

function allowedCharacters(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "");
}
