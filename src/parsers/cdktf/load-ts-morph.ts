/**
 * ts-morph is loaded only when a scan meets CDKTF TypeScript: it costs a quarter of a second and
 * tens of megabytes that a Terraform-only scan must not pay. It is CommonJS, so a synchronous
 * require keeps the pipeline synchronous.
 */
import { createRequire } from "node:module";
import { lazily } from "../../source/lazily.js";

export type TsMorph = typeof import("ts-morph");

export const loadTsMorph = lazily(() => createRequire(import.meta.url)("ts-morph") as TsMorph);
