/** The implementation plan as Markdown (for people) or JSON (for trackers). */
import { PLAN_ORDER, type PlanGroup } from "../register/build-plan.js";
import { TOOL_NAME, toolVersion } from "../version.js";

export function renderPlanJson(groups: readonly PlanGroup[]): string {
  return `${JSON.stringify({ version: 1, tool: { name: TOOL_NAME, version: toolVersion() }, order: PLAN_ORDER, plan: groups }, null, 2)}\n`;
}

export function renderPlanMarkdown(groups: readonly PlanGroup[]): string {
  const lines = [
    "# Internet First implementation plan",
    "",
    PLAN_ORDER,
    "",
    "Changes for each service that is not ready. Generated from the code by iflint: add owners and dates.",
    "",
  ];
  if (!groups.length) lines.push("Every service found is ready.", "");
  groups.forEach((group, index) => {
    lines.push(`## ${index + 1}. ${group.service}${group.resource ? ` (\`${group.resource}\`)` : ""}`, "");
    if (group.severity)
      lines.push(
        `${group.severity === "error" ? "Errors" : "Warnings"} on ${group.section === "name" ? "a DNS name" : "a service"} that is ${group.exposure}.`,
        "",
      );
    if (group.dependsOn.length)
      lines.push(`After: ${group.dependsOn.map((resource) => `\`${resource}\``).join(", ")}`, "");
    for (const step of group.steps) {
      lines.push(
        `${step.order}. **${step.change}** — guidance ${step.guidance.join(", ")}; files: ${step.files.map((file) => `\`${file}\``).join(", ")}`,
      );
      for (const finding of step.findings)
        lines.push(`   - ${finding.ruleId} at ${finding.location}: ${finding.message}`);
    }
    lines.push("");
  });
  return lines.join("\n");
}
