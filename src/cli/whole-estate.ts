/**
 * What register, report and plan share: the configuration, a scan of the whole estate in one
 * piece (they need every resource, not only findings), and the configured internal services.
 */
import { scan, type ScanResult } from "../scan.js";
import { ConfigError, loadConfig } from "../engine/config.js";
import type { RuleSettings } from "../engine/rule.js";
import { ruleSettings } from "../engine/settings.js";
import { UsageError } from "./exit-codes.js";
import { buildRegister, privateLinks, type RegisterEntry } from "../register/build-register.js";
import { checkVariableFilesOfConfiguration, evaluationInputs, type EvaluationArguments } from "./evaluation-inputs.js";

export function scanWholeEstate(
  paths: readonly string[],
  configPath: string | undefined,
  evaluation: EvaluationArguments = { "var-file": [], var: [] },
): { result: ScanResult; settings: RuleSettings } {
  let loaded;
  try {
    loaded = loadConfig(configPath, paths[0] ?? ".");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (loaded.warning) process.stderr.write(`iflint: warning: ${loaded.warning}\n`);
  const inputs = evaluationInputs(evaluation);
  checkVariableFilesOfConfiguration(loaded, paths);
  const result = scan({ paths, ...inputs, config: loaded.config, configPath: loaded.path });
  if (result.discovery.missing.length)
    throw new UsageError(`no such file or directory: ${result.discovery.missing.join(", ")}`);
  return { result, settings: ruleSettings(loaded.config) };
}

/** The register of every repository scanned, each built from its own estate and findings. */
export function estateRegister(result: ScanResult, settings?: RuleSettings): RegisterEntry[] {
  return result.repositories.flatMap((repository) =>
    repository.estate ? buildRegister(repository.estate, repository.findings, settings) : [],
  );
}

/** Private links of every repository scanned. */
export function estatePrivateLinks(result: ScanResult): string[] {
  return result.repositories.flatMap((repository) => (repository.estate ? privateLinks(repository.estate) : []));
}
