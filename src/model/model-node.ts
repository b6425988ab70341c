/** Anything a rule can report: an attribute, a block or resource, a DNS record or zone, a place in a file. */
import type { SourceRange } from "../source/source-file.js";
import type { DnsRecord, DnsZone } from "./dns.js";
import type { AttributeNode, BlockNode } from "./nodes.js";

/**
 * Where some text was written in a file a value was read from (`file()`, `templatefile()`): the
 * line of an OpenAPI body's template that names a host. Made by the engine, which finds positions.
 */
export interface WrittenText {
  readonly kind: "text";
  readonly range: SourceRange;
}

export type ModelNode = AttributeNode | BlockNode | DnsRecord | DnsZone | WrittenText;
