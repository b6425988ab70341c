/** How CDKTF's generated bindings name things, so TypeScript maps onto Terraform's names. */

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
  return constructId.replace(/[^A-Za-z0-9_-]/g, "") || "construct";
}
