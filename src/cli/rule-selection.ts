/** `--rule` / `--skip-rule` on top of the configuration's `rules`, and a check that every id named exists. */
import { allRules, findRule } from "../../rules/index.js";
import type { IflintConfig } from "../engine/config.js";
import { UsageError } from "./exit-codes.js";

/** The configuration with rules outside `only` (when given) and those in `skip` turned off. */
export function selectRulesFromCommandLine(
  config: IflintConfig,
  only: readonly string[],
  skip: readonly string[],
): IflintConfig {
  if (!only.length && !skip.length) return config;
  const ids = (names: readonly string[]) =>
    names
      .flatMap((name) => name.split(","))
      .filter(Boolean)
      .map((name) => {
        const rule = findRule(name.trim());
        if (!rule) throw new UsageError(`unknown rule "${name.trim()}": \`iflint rules\` lists them by id and name`);
        return rule.meta.id;
      });
  const wanted = new Set(ids(only));
  const skipped = new Set(ids(skip));
  const rules = { ...config.rules };
  for (const rule of allRules) {
    if ((wanted.size && !wanted.has(rule.meta.id)) || skipped.has(rule.meta.id)) rules[rule.meta.id] = "off";
  }
  return { ...config, rules };
}

/** Rule ids in the configuration that iflint does not have: a typo there silently changes nothing. */
export function unknownConfiguredRules(config: IflintConfig): string[] {
  return Object.keys(config.rules ?? {}).filter((id) => !findRule(id));
}
