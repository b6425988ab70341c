/**
 * Route 53 hosted zones and records as DNS zones in the model, so the DNS rules that read zone
 * files read Terraform (HCL, JSON, CDKTF, plans) too. Only what is known is mapped: a record whose
 * name, type or zone cannot be resolved is left out, never guessed.
 */
import { isNeverPublicZone } from "../model/special-use-zones.js";
import type { Estate } from "../model/estate.js";
import type { ResourceNode } from "../model/nodes.js";
import type { DnsRecord, DnsZone } from "../model/dns.js";
import { asString, isUnknown } from "../model/value.js";

export function addRoute53Zones(estate: Estate, isPrivateZone?: (origin: string) => boolean): void {
  const zones = new Map<ResourceNode, { zone: DnsZone; records: DnsRecord[] }>();
  // A signer with signing_status = "NOT_SIGNING" keeps the zone unsigned.
  const dnssec = estate
    .resourcesOfType("aws_route53_hosted_zone_dnssec")
    .filter((signer) => signer.value("signing_status") !== "NOT_SIGNING");
  // Signing often lives in another stack that finds the zone by name (`data "aws_route53_zone"`).
  const signedByName = new Set(
    dnssec.flatMap((signer) =>
      estate
        .referencedResources(signer.value("hosted_zone_id"))
        .filter((target) => target.mode === "data" && target.resourceType === "aws_route53_zone")
        .map((lookup) => asString(lookup.value("name")))
        .filter((name): name is string => name !== undefined)
        .map(absolute),
    ),
  );
  const candidates = [
    ...estate.resourcesOfType("aws_route53_zone"),
    ...estate.dataSources.filter((source) => source.resourceType === "aws_route53_zone"),
  ];
  for (const resource of candidates) {
    const name = asString(resource.value("name"));
    const privacy = hostedZonePrivacy(resource);
    // A zone named by a variable is still judged where its name does not matter (signing): its
    // origin is "" and its records, whose names cannot be made absolute, are left out.
    if (privacy === "unknown" || (!name && (resource.mode === "data" || !isUnknown(resource.value("name"))))) continue;
    const origin = name ? absolute(name) : "";
    const records: DnsRecord[] = [];
    // A zone looked up with a data source is managed elsewhere: its signing is not in the scan.
    const signed =
      signedByName.has(origin) || dnssec.some((signer) => estate.refersTo(signer.value("hosted_zone_id"), resource));
    const signing =
      resource.mode === "data"
        ? "unknown"
        : signed
          ? "signed"
          : dnssec.some((signer) => !estate.referencedResources(signer.value("hosted_zone_id")).length)
            ? "unknown"
            : "unsigned";
    zones.set(resource, {
      zone: {
        kind: "dns-zone",
        origin,
        range: resource.headerRange,
        records,
        isPrivate:
          privacy === "private" || (origin !== "" && (isNeverPublicZone(origin) || (isPrivateZone?.(origin) ?? false))),
        resource,
        signing,
      },
      records,
    });
  }
  if (!zones.size) return;
  for (const record of estate.resourcesOfType("aws_route53_record")) {
    const zone = estate
      .referencedResources(record.value("zone_id"))
      .map((target) => zones.get(target))
      .find((found) => found !== undefined);
    if (zone?.zone.origin) zone.records.push(...recordsOf(record, zone.zone.origin));
  }
  for (const { zone } of zones.values()) estate.zones.push(zone);
}

/** A hosted zone with a `vpc` block (or a data source saying so) is private. */
function hostedZonePrivacy(zone: ResourceNode): "public" | "private" | "unknown" {
  if (zone.mode === "data") {
    const flag = zone.value("private_zone");
    if (flag === undefined || flag === null) return "public";
    return isUnknown(flag) ? "unknown" : flag === true ? "private" : "public";
  }
  if (zone.blocksOfType("vpc").length) return "private";
  return zone.blocksOfType("dynamic").some((block) => block.labels[0] === "vpc") ? "unknown" : "public";
}

/** One DNS record per value, as a zone file would hold them; alias records carry no data. */
function recordsOf(record: ResourceNode, origin: string): DnsRecord[] {
  const name = asString(record.value("name"));
  const type = asString(record.value("type"))?.toUpperCase();
  if (name === undefined || !type) return [];
  const owner = ownerName(name, origin);
  const ttlValue = record.value("ttl");
  const ttl = typeof ttlValue === "number" ? ttlValue : 0;
  const base = { kind: "dns-record" as const, owner, ttl, type, range: record.headerRange, resource: record };
  const values = record.attribute("records");
  if (!values || !Array.isArray(values.value)) return [{ ...base, data: [], dataRanges: [] }];
  return values.value.flatMap((value, index) => {
    if (typeof value !== "string") return [];
    const range = values.locate([index]) ?? values.valueRange;
    const data = type === "TXT" || type === "SPF" ? [value] : value.trim().split(/\s+/);
    return [{ ...base, data, dataRanges: data.map(() => range) }];
  });
}

/** Route 53 takes names with or without the zone (`www` or `www.example.com`), with or without the final dot. */
function ownerName(name: string, origin: string): string {
  const lower = name.toLowerCase();
  if (lower === "" || lower === "@") return origin;
  const full = absolute(lower);
  const zone = origin === "." ? "" : origin;
  return full === origin || full.endsWith(`.${zone}`) ? full : `${lower.replace(/\.$/, "")}.${zone}`;
}

function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith(".") ? lower : `${lower}.`;
}
