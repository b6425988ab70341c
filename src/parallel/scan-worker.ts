/** A worker thread's share of a split scan: whole repositories, each scanned as in one thread. */
import { parentPort, workerData } from "node:worker_threads";
import { scanRepository, type Repository, type RepositoryPart } from "../scan.js";
import { allRules } from "../../rules/index.js";
import { serializeFinding, type SerializedFinding } from "./serialized-finding.js";
import type { IflintConfig } from "../engine/config.js";

export interface WorkerTask {
  repositories: Repository[];
  paths: string[];
  /** The rules given to the scan, by id; every rule when `allRules`. */
  ruleIds: string[];
  allRules: boolean;
  cwd?: string;
  varFiles?: string[];
  vars?: string[];
  environment?: Record<string, string | undefined>;
  config?: IflintConfig;
  configPath?: string;
  today?: string;
  reportUnusedIgnores?: boolean;
  evaluateAll?: boolean;
  cfnParameters?: Record<string, string>;
}

export interface WorkerRepositoryResult extends Omit<RepositoryPart, "estate" | "findings"> {
  directory: string;
  findings: SerializedFinding[];
}

const task = workerData as WorkerTask;
const rules = task.allRules ? allRules : allRules.filter((rule) => task.ruleIds.includes(rule.meta.id));
const results: WorkerRepositoryResult[] = task.repositories.map((repository) => {
  const { estate: _dropped, findings, ...part } = scanRepository(repository, { ...task, rules });
  return { directory: repository.directory, ...part, findings: findings.map(serializeFinding) };
});
parentPort?.postMessage(results);
