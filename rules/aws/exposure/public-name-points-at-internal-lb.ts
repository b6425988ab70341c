import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { asString, isUnknown, type Value } from "../../../src/model/value.js";
import { loadBalancerExposure } from "../../shared/aws-load-balancers.js";
import { zoneVisibility } from "../../shared/route53.js";

/** Load balancers a DNS name can point at; classic ELBs have `internal` too. */
const TARGET_TYPES = new Set(["aws_lb", "aws_alb", "aws_elb"]);

/**
 * AWS names an internal load balancer `internal-<name>-<id>.<region>.elb.amazonaws.com` (or
 * `internal-…elb.<region>.amazonaws.com`): the name alone says it is internal.
 */
const INTERNAL_LB_NAME = /^internal-[a-z0-9-]+\.(?:[a-z0-9-]+\.)?elb\.(?:[a-z0-9-]+\.)?amazonaws\.com\.?$/i;

/** A public name is published to the internet; if it leads to an internal load balancer, nobody there can use it. */
export default defineRule({
  meta: {
    id: "IFL-EXP-004",
    name: "public-name-points-at-internal-lb",
    title: "Public DNS names do not point at internal load balancers",
    severity: "error",
    category: "exposure",
    guidance: ["IF-IPDNS", "IF-C1-IP", "IF-SUPPLIER"],
    rationale:
      "An Internet First service is reached by a public name. An alias or CNAME in a public zone that leads to a load balancer created with `internal = true` resolves to private addresses: users on the internet get a name that cannot be reached, and the service still works only over the private network.",
    remediation:
      "Serve the name from an internet-facing load balancer (`internal = false`, public subnets, TLS and a WAF), or put the record in a private hosted zone if the service is meant to stay on the private network (and record it on the asset register).",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/ip-dns-and-hosting-guidance",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme",
    ],
    messages: {
      aliasToInternal:
        "{type} record {name} in public zone {zone} points at {target}, an internal load balancer: internet users cannot reach it.",
      cnameToInternal:
        "CNAME {owner} in public zone {zone} points at {target}, an internal load balancer's name: internet users cannot reach it.",
    },
    resourceTypes: ["aws_route53_record", "aws_route53_zone", "aws_lb", "aws_alb", "aws_elb"],
    limitations:
      "Route 53 records are checked when their zone and the load balancer are in the scan (or the target is written as an `internal-…elb.amazonaws.com` name). Zone-file CNAMEs are checked by the name AWS gives internal load balancers, and matched to a load balancer in the scan by its `name`.",
  },
  check(context) {
    context.forEachResource("aws_route53_record", (record) => checkRoute53Record(context, record));
    // Made when a zone file's CNAME first names an internal load balancer: most scans have none.
    let internalByName: Map<string, ResourceNode> | undefined;
    const internalNamed = (name: string): ResourceNode | undefined => {
      if (!internalByName) {
        internalByName = new Map();
        for (const lb of context.estate.resourcesOfType(...TARGET_TYPES)) {
          const lbName = asString(lb.value("name"));
          if (lbName && loadBalancerExposure(lb) === "internal") internalByName.set(lbName.toLowerCase(), lb);
        }
      }
      return internalByName.get(name);
    };
    context.forEachPublicZone((zone) => {
      if (zone.resource) return; // Route 53 records were checked above, with their references.
      for (const record of zone.records) {
        if (record.type !== "CNAME") continue;
        const target = record.data[0] ?? "";
        if (!INTERNAL_LB_NAME.test(target)) {
          context.pass(record);
          continue;
        }
        const defined = internalNamed(
          target
            .slice("internal-".length)
            .replace(/-[^-]*\..*$/, "")
            .toLowerCase(),
        );
        context.report({
          node: record,
          path: [0],
          messageId: "cnameToInternal",
          data: { owner: record.owner, zone: zone.origin, target: defined ? `${target} (${defined.address})` : target },
        });
      }
    });
  },
});

function checkRoute53Record(context: RuleContext, record: ResourceNode): void {
  const zone = zoneVisibility(context.estate.referencedResources(record.value("zone_id")));
  if (zone.visibility === "private") return;
  const targets: { attribute: AttributeNode; path?: number[] }[] = [];
  for (const alias of record.blocksOfType("alias")) {
    const attribute = alias.attribute("name");
    if (attribute) targets.push({ attribute });
  }
  const records = record.attribute("records");
  if (records && Array.isArray(records.value))
    records.value.forEach((_, index) => targets.push({ attribute: records, path: [index] }));
  let reported = false;
  for (const { attribute, path } of targets) {
    const value = path ? (attribute.value as Value[])[path[0]] : attribute.value;
    const pointedAt = context.estate
      .referencedResources(value)
      .filter((resource) => TARGET_TYPES.has(resource.resourceType));
    const internal = pointedAt.find((lb) => loadBalancerExposure(lb) === "internal");
    const literal = typeof value === "string" && INTERNAL_LB_NAME.test(value) ? value : undefined;
    if (!internal && !literal) continue;
    if (zone.visibility === "unknown") return context.unknown(record, "zone not in the scan");
    reported = true;
    // Only a finding names the record: most records are never reported, so their names are not evaluated.
    context.report({
      node: attribute,
      path,
      messageId: "aliasToInternal",
      data: {
        type: asString(record.value("type"))?.toUpperCase() ?? "?",
        name: asString(record.value("name")) ?? record.address,
        zone: zone.name,
        target: internal?.address ?? literal ?? "",
      },
      resource: record,
      basis: internal ? [internal.attribute("internal")] : [],
    });
  }
  if (!reported && targets.length && !targets.some(({ attribute }) => isUnknown(attribute.value))) context.pass(record);
}
