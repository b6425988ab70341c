/** A worker thread's share of a split scan: its root modules, scanned as in one thread. */
import { parentPort, workerData } from "node:worker_threads";
import { formatNotes, scanFiles } from "../scan.js";
import { allRules } from "../../rules/index.js";
import type { DiscoveredFile } from "../parsers/discover-files.js";
import { serializeFinding } from "./serialized-finding.js";
import type { IflintConfig } from "../engine/config.js";
import type { TerragruntTarget } from "../load/terragrunt-sources.js";

export interface WorkerTask {
  files: DiscoveredFile[];
  paths: string[];
  calledDirectories: string[];
  terragruntTargets: TerragruntTarget[];
  ruleIds: string[];
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

const task = workerData as WorkerTask;
const rules = allRules.filter((rule) => task.ruleIds.includes(rule.meta.id));
const { estate, findings, outcomes } = scanFiles(task.files, {
  ...task,
  rules,
  calledDirectories: new Set(task.calledDirectories),
});
parentPort?.postMessage({
  notes: formatNotes(estate),
  findings: findings.map(serializeFinding),
  outcomes,
  fileCount: estate.files.length,
  remoteModules: estate.remoteModuleCalls.size,
  bytes: estate.files.reduce((total, scanned) => total + scanned.file.text.length, 0),
});
