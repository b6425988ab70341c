/** iflint's own name and version, from package.json. */
import { readFileSync } from "node:fs";
import { packageFile } from "./package-root.js";

export const TOOL_NAME = "iflint";
export const INFORMATION_URI = "https://github.com/iflint/iflint";

let version: string | undefined;

export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
  return version;
}
