/**
 * octoDNS, DNS kept as YAML: the main configuration (`providers:` and `zones:`, each zone with
 * its `sources`) and the zone files of its YAML source (`<zone>.yaml`: record names, `''` for the
 * apex, each mapping to a record or a list of records with `type`, `ttl`, `value`/`values`).
 * Record data is put in zone-file presentation form with the span of each field in the YAML.
 */
import type { Node as YamlNode, Pair } from "yaml";
import { yamlLibrary } from "../../source/lazy-libraries.js";
import { yamlComments } from "../yaml-comments.js";
import { octodnsRecordName } from "./record-name.js";
import type { SourceFile, Span } from "../../source/source-file.js";

/**
 * Where a YAML source keeps a zone's records: the zone file `<directory>/<zone>.yaml`, a split
 * directory of record files (`<directory>/<zone without its final dot><extension>/*.yaml`), or
 * both, and a file of records every zone gets.
 */
export interface YamlSource {
  directory: string;
  /** Zones are split into directories with this extension (`split_extension`; SplitYamlProvider's `extension`, "." unless given). */
  splitExtension?: string;
  /** Whether the zone file is read (not for SplitYamlProvider, nor with `disable_zonefile`). */
  zoneFile: boolean;
  /** `shared_filename`: a file in the directory whose records every zone of the source gets. */
  sharedFile?: string;
}

export interface OctodnsConfig {
  /** YAML sources (`octodns.provider.yaml.YamlProvider`, `SplitYamlProvider`) by provider name. */
  yamlSources: Map<string, YamlSource>;
  /** `!include`s, which iflint does not follow: what they hold is not read. */
  includes: Span[];
  /**
   * Zone names as written (`example.org.`, or `"*"` for every zone the sources hold), with their
   * sources; or, for an alias zone (`alias: example.org.`), the zone whose records it carries.
   */
  zones: { name: string; sources: string[]; alias?: string; span: Span }[];
  errors: { span: Span; message: string }[];
}

export interface OctodnsRecord {
  /** Record name relative to the zone, as octoDNS makes it of the key (lower case; `null:` is "none"); "" for the apex. */
  name: string;
  type: string;
  ttl?: number;
  /** Presentation-form data fields, with the YAML span of each. */
  data: string[];
  dataSpans: Span[];
  span: Span;
  /** `octodns: { cloudflare: { proxied: true } }`: Cloudflare answers with its own addresses. */
  proxied?: true;
}

export interface OctodnsZoneFile {
  records: OctodnsRecord[];
  /** `!include`s, not followed: the records they hold are not read. */
  includes: Span[];
  comments: { start: number; end: number; text: string }[];
  errors: { span: Span; message: string }[];
}

/** A YAML file with top-level `providers:` and `zones:` keys (each a mapping, or an `!include` of one) is an octoDNS configuration. */
export function looksLikeOctodnsConfig(text: string): boolean {
  return (
    /^providers:[ \t]*(?:!include[ \t]+\S+[ \t]*)?(#.*)?$/m.test(text) &&
    /^zones:[ \t]*(?:!include[ \t]+\S+[ \t]*)?(#.*)?$/m.test(text)
  );
}

function spanOf(node: YamlNode | null | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : fallback;
}

/** YAML's true as octoDNS (PyYAML, YAML 1.1) reads it: true, yes, on. */
function isTrue(node: unknown): boolean {
  return /^(true|yes|on)$/i.test(text(node) ?? "");
}

function text(node: unknown): string | undefined {
  if (!yamlLibrary().isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

function parse(file: SourceFile) {
  // The syntax tree is read directly (never turned into JavaScript), so aliases cannot multiply it:
  // each alias is followed where it is read.
  const document = yamlLibrary().parseDocument(file.text, { uniqueKeys: false, prettyErrors: false });
  const errors = document.errors.map((error) => ({
    span: { start: error.pos[0], end: error.pos[1] },
    message: error.message.split("\n")[0],
  }));
  const includes: Span[] = [];
  if (file.text.includes("!include"))
    yamlLibrary().visit(document, {
      Node(_key, node) {
        if ((node as { tag?: string }).tag !== "!include") return;
        // From the tag, which the node's range leaves out.
        const span = spanOf(node as YamlNode);
        const tag = file.text.lastIndexOf("!include", span.start);
        includes.push({ start: tag >= 0 ? tag : span.start, end: span.end });
      },
    });
  const resolved = (node: unknown): unknown =>
    yamlLibrary().isAlias(node) ? (node as { resolve(document: unknown): unknown }).resolve(document) : node;
  return { contents: document.contents, errors, includes, resolved };
}

export function parseOctodnsConfig(file: SourceFile): OctodnsConfig {
  const { contents, errors, includes, resolved } = parse(file);
  const config: OctodnsConfig = { yamlSources: new Map(), zones: [], includes, errors };
  if (!yamlLibrary().isMap(contents)) return config;
  const providers = resolved(contents.get("providers", true));
  if (yamlLibrary().isMap(providers))
    for (const pair of providers.items) {
      const name = text(pair.key);
      const provider = resolved(pair.value);
      if (!name || !yamlLibrary().isMap(provider)) continue;
      const source = yamlSourceOf(provider);
      if (source) config.yamlSources.set(name, source);
    }
  const zones = resolved(contents.get("zones", true));
  if (yamlLibrary().isMap(zones))
    for (const pair of zones.items) {
      const name = text(pair.key);
      const settings = resolved(pair.value);
      if (name === undefined || !yamlLibrary().isMap(settings)) continue;
      const sources = resolved(settings.get("sources", true));
      const alias = text(resolved(settings.get("alias", true)));
      config.zones.push({
        name,
        sources: yamlLibrary().isSeq(sources)
          ? sources.items.map(text).filter((item): item is string => item !== undefined)
          : [],
        ...(alias !== undefined ? { alias } : {}),
        span: spanOf(pair.key as YamlNode),
      });
    }
  return config;
}

/**
 * A provider that reads YAML from disk, as octoDNS's YamlProvider (with its split options),
 * SplitYamlProvider (split only, deprecated) and the older SplitYamlAltProvider (a zone's
 * directory without the final dot) read it; undefined for any other provider.
 */
function yamlSourceOf(provider: YamlNode): YamlSource | undefined {
  if (!yamlLibrary().isMap(provider)) return undefined;
  const option = (key: string) => text(provider.get(key, true));
  const directory = option("directory");
  const providerClass = option("class") ?? "";
  if (!directory) return undefined;
  if (/(?:^|\.)SplitYamlAltProvider$/.test(providerClass)) return { directory, splitExtension: "", zoneFile: false };
  if (/(?:^|\.)SplitYamlProvider$/.test(providerClass))
    return { directory, splitExtension: option("extension") ?? ".", zoneFile: false };
  if (!/(?:^|\.)YamlProvider$/.test(providerClass)) return undefined;
  const splitExtension = option("split_extension");
  const sharedFile = option("shared_filename");
  return {
    directory,
    // YAML's null and false (octoDNS's default) both mean not split.
    ...(splitExtension && splitExtension !== "false" ? { splitExtension } : {}),
    zoneFile: !isTrue(provider.get("disable_zonefile", true)),
    ...(sharedFile && sharedFile !== "false" ? { sharedFile } : {}),
  };
}

export function parseOctodnsZone(file: SourceFile): OctodnsZoneFile {
  const { contents, errors, includes, resolved } = parse(file);
  const zone: OctodnsZoneFile = { records: [], includes, comments: yamlComments(file.text), errors };
  if (!yamlLibrary().isMap(contents)) return zone;
  for (const pair of contents.items) {
    const name = octodnsRecordName(pair.key);
    if (name === undefined) continue;
    const value = resolved(pair.value);
    const entries = yamlLibrary().isSeq(value) ? value.items.map(resolved) : [value];
    for (const entry of entries)
      if (yamlLibrary().isMap(entry)) zone.records.push(...recordsOf(name, entry, pair, resolved));
  }
  return zone;
}

/**
 * One record per value, as a zone file would hold them; types whose data is not understood keep no
 * data. A record octoDNS is told to ignore (`octodns: { ignored: true }`) is never published, so
 * none; the values of a dynamic record's pools and of the older `geo` answers are served to some
 * clients, so they are records too.
 */
function recordsOf(name: string, entry: YamlNode, pair: Pair, resolved: (node: unknown) => unknown): OctodnsRecord[] {
  if (!yamlLibrary().isMap(entry)) return [];
  const type = text(entry.get("type", true))?.toUpperCase();
  if (!type) return [];
  const options = resolved(entry.get("octodns", true));
  if (yamlLibrary().isMap(options) && isTrue(options.get("ignored", true))) return [];
  const cloudflare = yamlLibrary().isMap(options) ? resolved(options.get("cloudflare", true)) : undefined;
  const proxied = yamlLibrary().isMap(cloudflare) && isTrue(cloudflare.get("proxied", true));
  const ttlText = text(entry.get("ttl", true));
  const ttl = ttlText !== undefined && /^\d+$/.test(ttlText) ? Number(ttlText) : undefined;
  const span = { start: spanOf(pair.key as YamlNode).start, end: spanOf(entry).end };
  const values = resolved(entry.get("values", true) ?? entry.get("value", true));
  const items = [
    ...(yamlLibrary().isSeq(values) ? values.items : values === undefined ? [] : [values]),
    ...servedToSome(entry, resolved),
  ].map(resolved);
  const records: OctodnsRecord[] = [];
  for (const item of items) {
    const fields = fieldsOf(type, item as YamlNode);
    if (fields)
      records.push({
        name,
        type,
        ttl,
        data: fields.map((field) => field.text),
        dataSpans: fields.map((field) => field.span),
        span,
        ...(proxied ? { proxied: true as const } : {}),
      });
  }
  return records;
}

/** The values of a dynamic record's pools (`dynamic.pools.<pool>.values[].value`) and of `geo` answers. */
function servedToSome(entry: YamlNode, resolved: (node: unknown) => unknown): unknown[] {
  if (!yamlLibrary().isMap(entry)) return [];
  const served: unknown[] = [];
  const each = (node: unknown, visit: (item: unknown) => void) => {
    const found = resolved(node);
    if (yamlLibrary().isMap(found)) for (const pair of found.items) visit(resolved(pair.value));
    else if (yamlLibrary().isSeq(found)) for (const item of found.items) visit(resolved(item));
  };
  const dynamic = resolved(entry.get("dynamic", true));
  if (yamlLibrary().isMap(dynamic))
    each(dynamic.get("pools", true), (pool) => {
      if (yamlLibrary().isMap(pool))
        each(pool.get("values", true), (value) => {
          if (yamlLibrary().isMap(value)) served.push(value.get("value", true));
        });
    });
  each(entry.get("geo", true), (answers) => {
    if (yamlLibrary().isSeq(answers)) served.push(...answers.items);
    else served.push(answers);
  });
  return served.filter((value) => value !== undefined);
}

const OBJECT_FIELDS: Record<string, string[][]> = {
  MX: [
    ["preference", "priority"],
    ["exchange", "value"],
  ],
  SRV: [["priority"], ["weight"], ["port"], ["target"]],
  CAA: [["flags"], ["tag"], ["value"]],
};

function fieldsOf(type: string, item: YamlNode): { text: string; span: Span }[] | undefined {
  const layout = OBJECT_FIELDS[type];
  if (layout) {
    if (!yamlLibrary().isMap(item)) return undefined;
    const fields: { text: string; span: Span }[] = [];
    for (const names of layout) {
      const node = names.map((key) => item.get(key, true) as YamlNode | undefined).find((found) => found !== undefined);
      const value = text(node);
      if (value === undefined) return undefined;
      fields.push({ text: value, span: spanOf(node) });
    }
    if (type === "CAA" && fields[0].text === "") fields[0].text = "0";
    return fields;
  }
  const value = text(item);
  if (value === undefined) return undefined;
  // octoDNS escapes semicolons in TXT data (`v=DKIM1\; p=...`).
  return [{ text: type === "TXT" || type === "SPF" ? value.replace(/\\;/g, ";") : value, span: spanOf(item) }];
}
