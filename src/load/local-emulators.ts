/**
 * Root modules whose AWS provider sends every call to a local emulator (LocalStack on
 * `http://localhost:4566`): their resources are a developer's sandbox, never deployed to AWS or
 * reachable from the internet, so they are left out of the estate rules judge. So is what such a
 * root leaves unread (a local module not found, a remote module never downloaded): nothing of it
 * is deployed, so it makes no result less complete.
 */
import type { Estate } from "../model/estate.js";
import { isObject, type Value } from "../model/value.js";

const LOCAL_ENDPOINT =
  /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|localstack|host\.docker\.internal)(:\d+)?(\/|$)/i;

export function dropLocallyEmulatedResources(estate: Estate): void {
  const byRoot = new Map<string, boolean[]>();
  for (const provider of estate.providers) {
    if (provider.name !== "aws") continue;
    const endpoints = provider.block.blocksOfType("endpoints");
    const local =
      endpoints.length > 0 &&
      endpoints.every((block) => [...block.attributes.values()].some((attribute) => isLocal(attribute.value)));
    byRoot.set(provider.module.root, [...(byRoot.get(provider.module.root) ?? []), local]);
  }
  const emulated = new Set(
    [...byRoot].filter(([, verdicts]) => verdicts.length > 0 && verdicts.every(Boolean)).map(([root]) => root),
  );
  if (!emulated.size) return;
  const keep = (resource: { resourceType: string; module: { root: string } }) =>
    !(resource.resourceType.startsWith("aws_") && emulated.has(resource.module.root));
  for (const list of [estate.resources, estate.dataSources]) {
    const kept = list.filter(keep);
    list.splice(0, list.length, ...kept);
  }
  const switchedOff = estate.switchedOff.filter((entry) => keep(entry.resource));
  estate.switchedOff.splice(0, estate.switchedOff.length, ...switchedOff);
  const pending = estate.switchedOffPending.filter((entry) => keep({ ...entry, module: { root: entry.root } }));
  estate.switchedOffPending.splice(0, estate.switchedOffPending.length, ...pending);
  const diagnostics = estate.diagnostics.filter(
    (diagnostic) => !(diagnostic.kind === "module-not-found" && diagnostic.root && emulated.has(diagnostic.root)),
  );
  estate.diagnostics.splice(0, estate.diagnostics.length, ...diagnostics);
  for (const [site, roots] of estate.remoteModuleCalls)
    if ([...roots].every((root) => emulated.has(root))) estate.remoteModuleCalls.delete(site);
  estate.invalidateIndexes();
}

function isLocal(value: Value): boolean {
  if (typeof value === "string") return LOCAL_ENDPOINT.test(value);
  if (isObject(value)) return Object.values(value).some(isLocal);
  return false;
}
