/**
 * What register, report and plan share: the configuration, a scan of the whole estate in one
 * piece (they need every resource, not only findings), and the configured internal services.
 */
import { scan, type ScanResult } from "../scan.js";
import { ConfigError, loadConfig } from "../engine/config.js";
import type { RuleSettings } from "../engine/rule.js";
import { ruleSettings } from "../engine/settings.js";
import { UsageError } from "./exit-codes.js";

export function scanWholeEstate(
  paths: readonly string[],
  configPath: string | undefined,
): { result: ScanResult; settings: RuleSettings } {
  let loaded;
  try {
    loaded = loadConfig(configPath, paths[0] ?? ".");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (loaded.warning) process.stderr.write(`iflint: warning: ${loaded.warning}\n`);
  const result = scan({ paths, environment: process.env, config: loaded.config, configPath: loaded.path });
  if (result.discovery.missing.length)
    throw new UsageError(`no such file or directory: ${result.discovery.missing.join(", ")}`);
  return { result, settings: ruleSettings(loaded.config) };
}
