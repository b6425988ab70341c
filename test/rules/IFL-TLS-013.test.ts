import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-013", {
  fail: [
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "aws_elasticache_replication_group.sessions",
      message:
        "Cache aws_elasticache_replication_group.sessions sets no transit_encryption_enabled, so connections to it are not encrypted in transit.",
    },
    {
      file: "fail/main.tf",
      line: 18,
      column: 32,
      resource: "aws_elasticache_replication_group.appointments",
      message:
        "Cache aws_elasticache_replication_group.appointments does not encrypt connections in transit (transit_encryption_enabled = false).",
    },
    {
      file: "fail/main.tf",
      line: 29,
      column: 32,
      resource: "aws_elasticache_replication_group.referrals",
      message:
        'Cache aws_elasticache_replication_group.referrals uses transit_encryption_mode "preferred", which also accepts unencrypted connections.',
    },
    {
      file: "fail/main.tf",
      line: 34,
      column: 21,
      resource: "aws_elasticache_cluster.rota",
      message:
        "Cache aws_elasticache_cluster.rota is a Redis cluster outside a replication group, which cannot encrypt connections in transit.",
    },
    {
      file: "fail/main.tf",
      line: 39,
      column: 1,
      resource: "aws_elasticache_cluster.pages",
      message:
        "Cache aws_elasticache_cluster.pages sets no transit_encryption_enabled, so connections to it are not encrypted in transit.",
    },
  ],
});
