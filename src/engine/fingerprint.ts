/**
 * A finding's identity across edits: rule, root module directory (or file), resource address and the
 * message, which names the offending value; never the line, so moved or reformatted code keeps its
 * fingerprint, while the same address in two root modules (two stacks) gets two fingerprints.
 */
import { cryptoModule } from "../source/lazy-builtins.js";
import type { Finding } from "./finding.js";

export function fingerprint(finding: Finding): string {
  const where = (finding.root ?? finding.range.file.path).replace(/\\/g, "/");
  const subject = finding.resource ? `${where}\u0000${finding.resource}` : where;
  return cryptoModule()
    .createHash("sha256")
    .update(`${finding.ruleId}\u0000${subject}\u0000${finding.message.replace(/\s+/g, " ")}`)
    .digest("hex")
    .slice(0, 32);
}
