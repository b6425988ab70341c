/**
 * Files changed since a git ref (committed on this branch since it forked, staged, unstaged and
 * untracked), for PR gates that evaluate the whole repository but report only what changed.
 */
import { childProcessModule } from "../source/lazy-builtins.js";
import { resolve } from "node:path";

export class ChangedFilesError extends Error {}

function git(args: string[], cwd: string): string {
  try {
    return childProcessModule().execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new ChangedFilesError(`git ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`);
  }
}

/** Absolute paths of files changed since `ref`. */
export function changedFiles(ref: string, cwd: string): Set<string> {
  const top = git(["rev-parse", "--show-toplevel"], cwd).trim();
  const lists = [
    git(["diff", "--name-only", `${ref}...HEAD`], top),
    git(["diff", "--name-only", "HEAD"], top),
    git(["ls-files", "--others", "--exclude-standard"], top),
  ];
  return new Set(lists.flatMap((list) => list.split("\n").filter(Boolean)).map((path) => resolve(top, path)));
}
