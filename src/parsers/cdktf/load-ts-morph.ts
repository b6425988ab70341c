/**
 * ts-morph is loaded only when a scan meets CDKTF TypeScript: it costs a quarter of a second and
 * tens of megabytes that a Terraform-only scan must not pay. It is CommonJS, so a synchronous
 * require keeps the pipeline synchronous.
 */
import { createRequire } from "node:module";

export type TsMorph = typeof import("ts-morph");

let loaded: TsMorph | undefined;

export function loadTsMorph(): TsMorph {
  loaded ??= createRequire(import.meta.url)("ts-morph") as TsMorph;
  return loaded;
}
