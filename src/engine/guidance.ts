/** The Internet First guidance catalogue that every finding cites (data/guidance-sections.json). */
import { readFileSync } from "node:fs";
import { packageFile } from "../package-root.js";

export interface GuidanceSection {
  id: string;
  seed: boolean;
  source: string;
  heading: string;
  requirements: string[];
}

let catalogue: GuidanceSection[] | undefined;

export function guidanceSections(): GuidanceSection[] {
  catalogue ??= (
    JSON.parse(readFileSync(packageFile("data", "guidance-sections.json"), "utf8")) as { sections: GuidanceSection[] }
  ).sections;
  return catalogue;
}

export function guidanceSection(id: string): GuidanceSection | undefined {
  return guidanceSections().find((section) => section.id === id);
}
