/** Record data by type: each field checked and put in presentation form, names made absolute. */
import ipaddr from "ipaddr.js";
import type { ZoneToken } from "./zone-tokenizer.js";
import { unescapeZoneText } from "./zone-tokenizer.js";
import { dnssecMnemonic, knownDigest } from "./dnssec-numbers.js";

export interface RdataResult {
  data: string[];
  spans: { start: number; end: number }[];
}

export interface RdataError {
  summary: string;
  detail: string;
  token?: ZoneToken;
}

type Field =
  | "ipv4"
  | "ipv6"
  | "name"
  | "u8"
  | "u16"
  | "u32"
  | "ttl"
  | "string"
  | "word"
  | "tag"
  | "algorithm"
  | "digest"
  | "hex*"
  | "base64*"
  | "strings*"
  | "words*";

const LAYOUTS: Record<string, Field[]> = {
  A: ["ipv4"],
  AAAA: ["ipv6"],
  NS: ["name"],
  CNAME: ["name"],
  PTR: ["name"],
  DNAME: ["name"],
  MX: ["u16", "name"],
  SRV: ["u16", "u16", "u16", "name"],
  SOA: ["name", "name", "u32", "ttl", "ttl", "ttl", "ttl"],
  TXT: ["strings*"],
  SPF: ["strings*"],
  CAA: ["u8", "tag", "string"],
  DS: ["u16", "algorithm", "digest", "hex*"],
  CDS: ["u16", "algorithm", "digest", "hex*"],
  DNSKEY: ["u16", "u8", "algorithm", "base64*"],
  CDNSKEY: ["u16", "u8", "algorithm", "base64*"],
  TLSA: ["u8", "u8", "u8", "hex*"],
  NAPTR: ["u16", "u16", "string", "string", "string", "name"],
  SVCB: ["u16", "name", "words*"],
  HTTPS: ["u16", "name", "words*"],
  NSEC: ["name", "words*"],
};

export const KNOWN_TYPES = new Set(Object.keys(LAYOUTS));

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A TTL in seconds: plain digits or BIND's units (`1h30m`, `2W`). */
export function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value <= 0x7fffffff ? value : undefined;
  }
  const match = /^(?:\d+[smhdw])+$/i.test(text);
  if (!match) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.toLowerCase().matchAll(/(\d+)([smhdw])/g))
    total += Number(amount) * TTL_UNITS[unit];
  return total <= 0x7fffffff ? total : undefined;
}

/** An owner or target name made absolute against the origin; undefined when not a valid name. */
export function absoluteName(text: string, origin: string): string | undefined {
  if (text === "@") return origin;
  const name = text.endsWith(".") && !text.endsWith("\\.") ? text : `${text}.${origin === "." ? "" : origin}`;
  const labels = unescapeZoneText(name).split(".");
  if (name !== "." && labels.slice(0, -1).some((label) => label.length === 0 || label.length > 63)) return undefined;
  if (name.length > 255) return undefined;
  return name;
}

const UNSIGNED_MAX: Record<string, number> = { u8: 0xff, u16: 0xffff, u32: 0xffffffff };

export function parseRdata(type: string, tokens: ZoneToken[], origin: string): RdataResult | RdataError {
  if (tokens[0]?.text === "\\#" && !tokens[0].quoted) return genericRdata(tokens);
  const layout = LAYOUTS[type];
  if (!layout) return { data: tokens.map((token) => token.text), spans: tokens.map(span) };
  const data: string[] = [];
  const spans: { start: number; end: number }[] = [];
  let index = 0;
  for (const field of layout) {
    if (field.endsWith("*")) {
      const rest = tokens.slice(index);
      index = tokens.length;
      if (!rest.length && field !== "words*")
        return { summary: "missing data", detail: `Expected ${describeField(field)} in the ${type} record.` };
      if (field === "strings*") {
        for (const token of rest) {
          const tooLong = characterStringTooLong(token);
          if (tooLong) return tooLong;
          data.push(token.text);
          spans.push(span(token));
        }
        continue;
      }
      if (field === "words*") {
        for (const token of rest) {
          data.push(token.text);
          spans.push(span(token));
        }
        continue;
      }
      const joined = rest.map((token) => token.text).join("");
      const valid =
        field === "hex*" ? /^[0-9a-fA-F]+$/.test(joined) && joined.length % 2 === 0 : /^[A-Za-z0-9+/]+=*$/.test(joined);
      if (!valid)
        return {
          summary: `bad ${field === "hex*" ? "hex" : "base64"} data`,
          detail: `Expected ${describeField(field)} in the ${type} record.`,
          token: rest[0],
        };
      data.push(field === "hex*" ? joined.toUpperCase() : joined);
      spans.push({ start: rest[0].start, end: rest[rest.length - 1].end });
      continue;
    }
    const token = tokens[index++];
    if (!token)
      return {
        summary: "missing data",
        detail: `Expected ${describeField(field)} in the ${type} record, but the record ends.`,
      };
    const value = parseField(field, token, origin);
    if (typeof value !== "string") return { ...value, token };
    data.push(value);
    spans.push(span(token));
  }
  if (index < tokens.length)
    return {
      summary: "extra data",
      detail: `Expected the end of the ${type} record, but found "${tokens[index].text}".`,
      token: tokens[index],
    };
  if (type === "DS" || type === "CDS") {
    const wrongLength = digestLengthError(type, data[2], data[3], tokens[3]);
    if (wrongLength) return wrongLength;
  }
  return { data, spans };
}

function digestLengthError(type: string, digestType: string, hex: string, token: ZoneToken): RdataError | undefined {
  const digest = knownDigest(digestType);
  if (!digest || hex.length === digest.bytes * 2) return undefined;
  return {
    summary: "wrong digest length",
    detail: `Expected a ${digest.name} digest of ${digest.bytes} bytes (${digest.bytes * 2} hex digits) in the ${type} record (digest type ${digestType}), but found ${hex.length / 2}.`,
    token,
  };
}

function parseField(field: Field, token: ZoneToken, origin: string): string | RdataError {
  const text = token.text;
  switch (field) {
    case "ipv4":
      // Strict dotted quad: BIND rejects leading zeros and out-of-range octets.
      if (!token.quoted && /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text))
        return text;
      return { summary: "bad dotted quad", detail: `Expected an IPv4 address such as 192.0.2.1, but found "${text}".` };
    case "ipv6":
      if (!token.quoted && ipaddr.IPv6.isValid(text) && text.includes(":"))
        return ipaddr.IPv6.parse(text).toRFC5952String();
      return {
        summary: "bad IPv6 address",
        detail: `Expected an IPv6 address such as 2001:db8::1, but found "${text}".`,
      };
    case "name": {
      const name = token.quoted ? undefined : absoluteName(text, origin);
      return name ?? { summary: "bad name", detail: `Expected a domain name, but found "${text}".` };
    }
    case "u8":
    case "u16":
    case "u32":
      if (/^\d+$/.test(text) && Number(text) <= UNSIGNED_MAX[field]) return String(Number(text));
      return {
        summary: "bad number",
        detail: `Expected a number from 0 to ${UNSIGNED_MAX[field]}, but found "${text}".`,
      };
    case "algorithm":
    case "digest": {
      const mnemonic = dnssecMnemonic(field, text);
      return mnemonic !== undefined ? String(mnemonic) : parseField("u8", token, origin);
    }
    case "ttl": {
      const ttl = parseTtl(text);
      return ttl === undefined
        ? { summary: "bad TTL", detail: `Expected a time such as 3600 or 1h, but found "${text}".` }
        : String(ttl);
    }
    case "string":
      return characterStringTooLong(token) ?? text;
    case "word":
      return text;
    case "tag":
      // A CAA property tag is letters and digits only (RFC 8659 §4.1).
      return !token.quoted && /^[A-Za-z0-9]{1,255}$/.test(text)
        ? text
        : {
            summary: "bad CAA tag",
            detail: `Expected a property tag of letters and digits such as issue, but found "${text}".`,
          };
    default:
      return text;
  }
}

/** A <character-string> holds at most 255 bytes (RFC 1035 §3.3): a long DKIM key must be split. */
function characterStringTooLong(token: ZoneToken): RdataError | undefined {
  // \DDD is one byte; anything else counts as its UTF-8 encoding.
  let bytes = 0;
  for (const [, decimal, other] of token.text.matchAll(/\\(\d{3})|\\?([\s\S])/gu))
    bytes += decimal ? 1 : Buffer.byteLength(other, "utf8");
  if (bytes <= 255) return undefined;
  return {
    summary: "string too long",
    detail: `Expected a string of at most 255 bytes, but found ${bytes}; split it into several quoted strings.`,
    token,
  };
}

function genericRdata(tokens: ZoneToken[]): RdataResult | RdataError {
  const length = Number(tokens[1]?.text);
  const hex = tokens
    .slice(2)
    .map((token) => token.text)
    .join("");
  if (!Number.isInteger(length) || !/^[0-9a-fA-F]*$/.test(hex) || hex.length !== length * 2) {
    return {
      summary: "bad unknown-type data",
      detail: `Expected \\# followed by the data length and that many bytes in hex (RFC 3597).`,
      token: tokens[1] ?? tokens[0],
    };
  }
  return { data: ["\\#", String(length), ...(hex ? [hex.toUpperCase()] : [])], spans: tokens.slice(0, 3).map(span) };
}

function describeField(field: Field): string {
  return {
    ipv4: "an IPv4 address",
    ipv6: "an IPv6 address",
    name: "a domain name",
    u8: "a number",
    u16: "a number",
    u32: "a number",
    ttl: "a time",
    string: "a string",
    word: "a word",
    tag: "a property tag",
    algorithm: "an algorithm",
    digest: "a digest type",
    "hex*": "hexadecimal data",
    "base64*": "base64 data",
    "strings*": "one or more strings",
    "words*": "more data",
  }[field];
}

function span(token: ZoneToken): { start: number; end: number } {
  return { start: token.start, end: token.end };
}
