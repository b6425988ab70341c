/** Placeholder until the zone parser lands. */
import type { SourceFile } from "../source-file.js";

export interface ZoneRecord { owner: string; ttl: number; class: string; type: string; data: string[]; file: SourceFile; start: number; end: number; dataSpans: { start: number; end: number }[] }
export interface ZoneDiagnostic { file: SourceFile; start: number; end: number; summary: string; detail: string }
export interface ParsedZone { origin: string; file: SourceFile; records: ZoneRecord[]; diagnostics: ZoneDiagnostic[]; includes: SourceFile[]; comments: { start: number; end: number; text: string }[] }

export function parseZone(file: SourceFile, _options: { origin?: string; readInclude?: (path: string, fromFile: SourceFile) => SourceFile | undefined }): ParsedZone {
  return { origin: "", file, records: [], diagnostics: [], includes: [], comments: [] };
}

export function zoneOriginFromFileName(_path: string): string | undefined {
  return undefined;
}
