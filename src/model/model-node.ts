/** Anything a rule can report: an attribute, a block or resource, a DNS record or zone. */
import type { DnsRecord, DnsZone } from "./dns.js";
import type { AttributeNode, BlockNode } from "./nodes.js";

export type ModelNode = AttributeNode | BlockNode | DnsRecord | DnsZone;
