/**
 * A CloudFormation parameters file (`--cfn-parameters FILE`): the CloudFormation CLI's JSON
 * (`[{ "ParameterKey": "Env", "ParameterValue": "live" }]`), a CodePipeline template configuration
 * (`{ "Parameters": { "Env": "live" } }`), or `Key=Value` lines (`sam deploy --parameter-overrides`).
 */
import { readFileSync } from "node:fs";

export function readCloudformationParameters(path: string): Record<string, string> {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const result: Record<string, string> = {};
    if (Array.isArray(parsed)) {
      for (const item of parsed as { ParameterKey?: unknown; ParameterValue?: unknown }[])
        if (typeof item?.ParameterKey === "string" && item.ParameterValue !== undefined)
          result[item.ParameterKey] = String(item.ParameterValue);
      return result;
    }
    const parameters = (parsed as { Parameters?: unknown }).Parameters ?? parsed;
    for (const [key, value] of Object.entries(parameters as Record<string, unknown>))
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
        result[key] = String(value);
    return result;
  }
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/([A-Za-z0-9:]+)=("(?:[^"\\]|\\.)*"|\S*)/g))
    result[match[1]] = match[2].startsWith('"') ? match[2].slice(1, -1).replace(/\\(["\\])/g, "$1") : match[2];
  return result;
}
