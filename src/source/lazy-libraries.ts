/**
 * Libraries most scans never need, loaded on first use instead of at start: a cold start is mostly
 * module loading. yaml reads only YAML configuration and `yamldecode`; ajv validates a configuration file;
 * re2js runs Terraform's regex functions (bundled, it was a fifth of the plain scan's file and cost
 * every cold scan ~5 ms, measured; loaded, the first regex pays ~16 ms).
 */
import { createRequire } from "node:module";

type Yaml = typeof import("yaml");
type Re2js = typeof import("re2js");
type AjvClass = new (options: object) => { compile(schema: object): unknown };

const require = createRequire(import.meta.url);
let yaml: Yaml | undefined;
let ajv: AjvClass | undefined;
let re2js: Re2js | undefined;

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

export function re2jsLibrary(): Re2js {
  re2js ??= require("re2js") as Re2js;
  return re2js;
}
