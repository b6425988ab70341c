/**
 * Libraries most scans never need, loaded on first use instead of at start: a cold start is mostly
 * module loading. yaml reads only YAML configuration and `yamldecode`; ajv validates a configuration file.
 */
import { createRequire } from "node:module";

type Yaml = typeof import("yaml");
type AjvClass = new (options: object) => { compile(schema: object): unknown };

const require = createRequire(import.meta.url);
let yaml: Yaml | undefined;
let ajv: AjvClass | undefined;

export function yamlLibrary(): Yaml {
  yaml ??= require("yaml") as Yaml;
  return yaml;
}

export function ajvClass(): AjvClass {
  // ajv is CommonJS: its class is the module's `default` export, or the module itself.
  const loaded = require("ajv") as { default?: AjvClass } & AjvClass;
  ajv ??= loaded.default ?? loaded;
  return ajv;
}
