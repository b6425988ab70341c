/**
 * iflint's configuration: found from the scanned root upward (iflint.config.json, .iflintrc.json,
 * .iflintrc.yaml/.yml) or given with --config, and validated against schema/iflint.config.schema.json.
 * An invalid file is a usage error naming the file, the JSON path and what was expected.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ajvClass, yamlLibrary } from "../source/lazy-libraries.js";
import { getNodeValue, parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import { ReadBoundary, readRegularFile } from "../source/read-boundary.js";
import { MAX_NESTING, excessJsonNesting, excessYamlNesting, yamlErrorSummary } from "../parsers/nesting-guard.js";
import { packageFile } from "../package-root.js";
import type { Severity } from "./rule.js";

export interface IgnoreEntry {
  rule: string;
  path?: string;
  resource?: string;
  reason: string;
  until?: string;
}

/** A service's expected peak, for bandwidth rules (per the network sizing guidance). */
export interface CapacityEntry {
  resource: string;
  peakMbps?: number;
  users?: number;
  kbpsPerUser?: number;
  peakRequestsPerSecond?: number;
  reason?: string;
}

/** An organisation's own endpoint that is reachable only over its private network: reported like an HSCN-only national service. */
export interface PrivateEndpointEntry {
  /** A host name, or `*.` and a domain for any host under it. */
  host: string;
  reason: string;
}

export interface IflintConfig {
  rules?: Record<string, "off" | Severity>;
  failOn?: Severity | "never";
  formats?: string[];
  ignorePaths?: string[];
  varFiles?: string[];
  privateZones?: string[];
  zoneFiles?: string[];
  allowedCidrs?: { cidr: string; reason: string }[];
  internalServices?: { resource: string; reason: string }[];
  privateNetworkRanges?: { cidr: string; reason?: string }[];
  capacity?: CapacityEntry[];
  privateEndpoints?: PrivateEndpointEntry[];
  /** National service hosts (or catalogue patterns) this estate has already moved off: `"off"`. */
  nationalServices?: Record<string, "off">;
  ignores?: IgnoreEntry[];
  reportUnusedIgnores?: boolean;
  /** A scan that finds no file to read passes instead of failing with exit code 2 (`--allow-empty`). */
  allowEmpty?: boolean;
}

export interface LoadedConfig {
  config: IflintConfig;
  /** The file it came from, or undefined when none was found. */
  path?: string;
  directory: string;
  /** A configuration file found but not read (a link out of its repository), said once to the user. */
  warning?: string;
}

export const CONFIG_FILE_NAMES = ["iflint.config.json", ".iflintrc.json", ".iflintrc.yaml", ".iflintrc.yml"];

export class ConfigError extends Error {}

type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null;
};
let validator: Validate | undefined;

function validate(data: unknown): Validate {
  if (!validator) {
    const Ajv = ajvClass();
    validator = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(packageFile("schema", "iflint.config.schema.json"), "utf8")) as object,
    ) as Validate;
  }
  validator(data);
  return validator;
}

/** The nearest configuration file at or above `start`. */
export function findConfig(start: string): string | undefined {
  let directory = resolve(start);
  if (existsSync(directory) && !statSync(directory).isDirectory()) directory = dirname(directory);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export function loadConfig(explicitPath: string | undefined, scanRoot: string): LoadedConfig {
  const path = explicitPath ? resolve(explicitPath) : findConfig(scanRoot);
  if (!path) return { config: {}, directory: resolve(scanRoot) };
  if (!existsSync(path)) throw new ConfigError(`${explicitPath}: no such configuration file`);
  const shown = explicitPath ?? path;
  // A configuration that is a link is read only where it leads inside its own directory's repository.
  const boundary = ReadBoundary.forScan([dirname(path)]);
  const resolution = boundary.resolve(path, shown);
  if ("refusal" in resolution) {
    if (explicitPath) throw new ConfigError(resolution.refusal.detail);
    return { config: {}, directory: dirname(path), warning: resolution.refusal.detail };
  }
  let read;
  try {
    read = readRegularFile("real" in resolution ? resolution.real : path, shown);
  } catch (error) {
    throw new ConfigError(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if ("refusal" in read) {
    if (explicitPath) throw new ConfigError(read.refusal.detail);
    return { config: {}, directory: dirname(path), warning: read.refusal.detail };
  }
  const data = parseConfigText(read.bytes.toString("utf8"), shown, path.endsWith(".yaml") || path.endsWith(".yml"));
  const check = validate(data ?? {});
  if (check.errors?.length)
    throw new ConfigError(check.errors.map((error) => `${shown}: ${schemaMessage(error)}`).join("\n"));
  return { config: (data ?? {}) as IflintConfig, path, directory: dirname(path) };
}

/**
 * The document in a configuration file. Errors give a position and the parser's reason, never the
 * text around it: a configuration may be a link to a file that must not reach the terminal.
 */
function parseConfigText(text: string, shown: string, yaml: boolean): unknown {
  const language = yaml ? "YAML" : "JSON";
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
  };
  const tooDeep = yaml ? excessYamlNesting(text) : excessJsonNesting(text);
  if (tooDeep !== undefined)
    throw new ConfigError(
      `${shown}: cannot be read as ${language}: nested more than ${MAX_NESTING} levels deep at ${position(tooDeep)}`,
    );
  if (yaml) {
    const document = yamlLibrary().parseDocument(text);
    if (document.errors.length)
      throw new ConfigError(`${shown}: cannot be read as YAML: ${yamlErrorSummary(document.errors[0])}`);
    return document.toJS({ maxAliasCount: 1000 }) as unknown;
  }
  const errors: ParseError[] = [];
  const data = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length)
    throw new ConfigError(
      `${shown}: cannot be read as JSON: ${printParseErrorCode(errors[0].error)} at ${position(errors[0].offset)}`,
    );
  return data === undefined ? undefined : (getNodeValue(data) as unknown);
}

/** One schema error as `/json/path: what was expected`. */
function schemaMessage(error: NonNullable<Validate["errors"]>[number]): string {
  const allowed = error.params.allowedValues as unknown[] | undefined;
  const expected = allowed
    ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(", ")}`
    : error.params.additionalProperty
      ? `has an unknown setting "${String(error.params.additionalProperty).slice(0, 120)}"`
      : (error.message ?? "is invalid");
  return `${error.instancePath || "/"}: ${expected}`;
}

/** A starter configuration for `iflint init`, with what each setting is for. */
export function starterConfig(): string {
  return `${JSON.stringify(
    {
      $schema: "https://github.com/iflint/iflint/blob/main/schema/iflint.config.schema.json",
      failOn: "error",
      rules: { "IFL-DNS-003": "note" },
      ignorePaths: ["**/.terraform/**"],
      varFiles: [],
      privateZones: ["*.internal.example.nhs.uk"],
      internalServices: [],
      ignores: [],
    },
    null,
    2,
  )}\n`;
}
