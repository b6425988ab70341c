/**
 * Libraries most scans never need, loaded on first use instead of at start: a cold start is mostly
 * module loading. yaml reads only YAML configuration and `yamldecode`; ajv validates a configuration file;
 * re2js runs Terraform's regex functions (bundled, it was a fifth of the plain scan's file and cost
 * every cold scan ~5 ms, measured; loaded, the first regex pays ~16 ms).
 */
import { createRequire } from "node:module";
import { lazily } from "./lazily.js";

type Yaml = typeof import("yaml");
type Re2js = typeof import("re2js");
type AjvClass = new (options: object) => { compile(schema: object): unknown };

const require = createRequire(import.meta.url);

export const yamlLibrary = lazily(() => require("yaml") as Yaml);

export const ajvClass = lazily((): AjvClass => {
  // ajv is CommonJS: its class is the module's `default` export, or the module itself.
  const loaded = require("ajv") as { default?: AjvClass } & AjvClass;
  return loaded.default ?? loaded;
});

export const re2jsLibrary = lazily(() => require("re2js") as Re2js);
