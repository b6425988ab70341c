/**
 * The configuration's `varFiles`. A configuration may come with the code under review, so the files
 * it names stay inside the scan like every other path in scanned content; one that cannot be read
 * stops the run, since every root variable it sets would fall back to unknown and the gate could
 * pass without the values it was configured to judge.
 */
import { dirname, resolve } from "node:path";
import { ReadBoundary } from "../source/read-boundary.js";
import { ConfigError, type IflintConfig } from "./config.js";

/** `varFiles`, relative to the configuration file's directory (as written when there is no file). */
export function configuredVariableFiles(config: IflintConfig, configPath: string | undefined): string[] {
  return (config.varFiles ?? []).map((file) => (configPath ? resolve(dirname(configPath), file) : file));
}

/**
 * Throws a ConfigError, once for the whole run, for a `varFiles` entry that does not exist, is not a
 * regular file, or lies outside the scanned paths and their repositories (links resolved).
 */
export function checkConfiguredVariableFiles(
  config: IflintConfig,
  configPath: string | undefined,
  paths: readonly string[],
  cwd = process.cwd(),
): void {
  const files = configuredVariableFiles(config, configPath);
  if (!files.length) return;
  const boundary = ReadBoundary.forScan(paths, cwd);
  const source = configPath ?? "configuration";
  for (const [index, file] of files.entries()) {
    const written = config.varFiles?.[index] ?? file;
    const resolution = boundary.resolve(resolve(cwd, file), written);
    if ("missing" in resolution) throw new ConfigError(`${source}: varFiles: ${written}: no such file`);
    if ("refusal" in resolution)
      throw new ConfigError(
        resolution.refusal.kind === "outside-scan"
          ? `${source}: varFiles: ${resolution.refusal.detail} A configuration cannot widen what iflint reads; name a file outside the scan with --var-file.`
          : `${source}: varFiles: ${resolution.refusal.detail}`,
      );
    if (resolution.directory) throw new ConfigError(`${source}: varFiles: ${written} is a directory, not a file`);
  }
}
