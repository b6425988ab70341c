import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";

/** ElastiCache leaves in-transit encryption off unless asked, and `preferred` mode still admits plain connections. */
export default defineRule({
  meta: {
    id: "IFL-TLS-013",
    name: "elasticache-encrypts-in-transit",
    title: "ElastiCache caches require TLS for connections",
    severity: "warning",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      'The NHS cloud data guidance makes TLS 1.2 the default for data in transit. Caches hold session tokens and copies of patient data that public services read; when the network around them is no longer a private circuit, traffic to them must be encrypted. ElastiCache replication groups leave `transit_encryption_enabled` off by default, `transit_encryption_mode = "preferred"` accepts unencrypted clients alongside TLS ones, Memcached clusters need it switched on, and a Redis or Valkey cluster outside a replication group cannot encrypt in transit at all.',
    remediation:
      'Set `transit_encryption_enabled = true` (with `transit_encryption_mode = "required"` once clients use TLS) on `aws_elasticache_replication_group` and Memcached `aws_elasticache_cluster`; create Redis and Valkey caches as replication groups. Enabling in-transit encryption on an existing Redis OSS cache before engine 7 replaces it.',
    links: [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group",
    ],
    messages: {
      disabled: "Cache {resource} does not encrypt connections in transit (transit_encryption_enabled = false).",
      defaultDisabled:
        "Cache {resource} sets no transit_encryption_enabled, so connections to it are not encrypted in transit.",
      preferredMode:
        'Cache {resource} uses transit_encryption_mode "preferred", which also accepts unencrypted connections.',
      noTlsPossible:
        "Cache {resource} is a {engine} cluster outside a replication group, which cannot encrypt connections in transit.",
    },
    resourceTypes: ["aws_elasticache_replication_group", "aws_elasticache_cluster"],
    limitations:
      "Secondary members of a global datastore and clusters inside a replication group inherit the setting and are not judged on their own. Serverless caches always use TLS and are not checked.",
  },
  check(context) {
    context.forEachResource("aws_elasticache_replication_group", (group) => {
      // A secondary in a global datastore takes its encryption settings from the primary.
      const globalGroup = group.value("global_replication_group_id");
      if (globalGroup !== undefined && globalGroup !== null) return;
      if (!transitEncryptionOn(context, group)) return;
      const mode = group.attribute("transit_encryption_mode");
      if (mode && isUnknown(mode.value)) return context.unknown(group, "transit_encryption_mode not known");
      if (asString(mode?.value) === "preferred")
        return context.report({
          node: mode ?? group,
          messageId: "preferredMode",
          data: { resource: group.address },
          resource: group,
        });
      context.pass(group);
    });

    context.forEachResource("aws_elasticache_cluster", (cluster) => {
      // Members of a replication group (replicas added as clusters) follow the group.
      const group = cluster.value("replication_group_id");
      if (group !== undefined && group !== null) return;
      const engineValue = cluster.value("engine");
      if (isUnknown(engineValue)) return context.unknown(cluster, "engine not known");
      const engine = asString(engineValue)?.toLowerCase();
      if (!engine) return context.unknown(cluster, "engine not known");
      if (engine !== "memcached") {
        const label = engine === "valkey" ? "Valkey" : engine === "redis" ? "Redis" : engine;
        return context.report({
          node: cluster.attribute("engine") ?? cluster,
          messageId: "noTlsPossible",
          data: { resource: cluster.address, engine: label },
          resource: cluster,
        });
      }
      if (transitEncryptionOn(context, cluster)) context.pass(cluster);
    });
  },
});

type MessageId = "disabled" | "defaultDisabled" | "preferredMode" | "noTlsPossible";

/** Reports an unset or false `transit_encryption_enabled` (the provider default is off); true when it is on. */
function transitEncryptionOn(context: RuleContext<MessageId>, cache: ResourceNode): boolean {
  const enabled = cache.attribute("transit_encryption_enabled");
  if (!enabled || enabled.value === null)
    context.report({ node: cache, messageId: "defaultDisabled", data: { resource: cache.address }, basis: [enabled] });
  else if (isUnknown(enabled.value) || asBoolean(enabled.value) === undefined)
    context.unknown(cache, "transit_encryption_enabled not known");
  else if (asBoolean(enabled.value) === false)
    context.report({ node: enabled, messageId: "disabled", data: { resource: cache.address }, resource: cache });
  else return true;
  return false;
}
