/**
 * iflint's configuration: found from the scanned root upward (iflint.config.json, .iflintrc.json,
 * .iflintrc.yaml/.yml) or given with --config, and validated against schema/iflint.config.schema.json.
 * An invalid file is a usage error naming the file, the JSON path and what was expected.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ajvClass, yamlLibrary } from "../source/lazy-libraries.js";
import { packageFile } from "../package-root.js";
import type { Severity } from "./rule.js";
import { nationalEndpointFor, nationalEndpoints } from "./national-endpoints.js";

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
  let data: unknown;
  try {
    const text = readFileSync(path, "utf8");
    data = path.endsWith(".yaml") || path.endsWith(".yml") ? yamlLibrary().parse(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${shown}: cannot be read as ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  const check = validate(data ?? {});
  if (check.errors?.length) {
    const first = check.errors[0];
    const allowed = first.params.allowedValues as unknown[] | undefined;
    const expected = allowed
      ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(", ")}`
      : first.params.additionalProperty
        ? `has an unknown setting "${String(first.params.additionalProperty)}"`
        : (first.message ?? "is invalid");
    throw new ConfigError(`${shown}: ${first.instancePath || "/"}: ${expected}`);
  }
  const unknownService = unknownNationalServices(data as IflintConfig)[0];
  if (unknownService !== undefined)
    throw new ConfigError(
      `${shown}: /nationalServices/${unknownService}: names no national service host iflint knows (see docs/national-services.md); list your own private endpoints under privateEndpoints`,
    );
  return { config: (data ?? {}) as IflintConfig, path, directory: dirname(path) };
}

/** Keys of `nationalServices` that are neither a catalogue pattern nor a host the catalogue knows. */
function unknownNationalServices(config: IflintConfig | null | undefined): string[] {
  const patterns = new Set(nationalEndpoints().map((entry) => entry.hostPattern.toLowerCase()));
  return Object.keys(config?.nationalServices ?? {}).filter(
    (key) => !patterns.has(key.toLowerCase()) && !nationalEndpointFor(key.replace(/^\*\./, "")),
  );
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
