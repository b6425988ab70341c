/**
 * A finding's identity across edits: rule, resource address (or file) and the message, which names
 * the offending value; never the line, so moved or reformatted code keeps its fingerprint.
 */
import { createHash } from "node:crypto";
import type { Finding } from "./finding.js";

export function fingerprint(finding: Finding): string {
  const subject = finding.resource ?? finding.range.file.path;
  return createHash("sha256")
    .update(`${finding.ruleId}\u0000${subject}\u0000${finding.message.replace(/\s+/g, " ")}`)
    .digest("hex")
    .slice(0, 32);
}
