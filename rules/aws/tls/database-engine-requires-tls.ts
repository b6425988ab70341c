import { defineRule } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { asString, isUnknown } from "../../../src/model/value.js";

/** What an engine's default parameter group does about TLS, from AWS's documentation. */
interface EngineDefault {
  parameter: "require_secure_transport" | "rds.force_ssl";
  /** Whether the default requires TLS for a major version, or "unknown" where no source says. */
  requiresTls(major: number | undefined): boolean | "unknown";
}

const MYSQL_FAMILY: EngineDefault = { parameter: "require_secure_transport", requiresTls: () => false };
const SQL_SERVER: EngineDefault = { parameter: "rds.force_ssl", requiresTls: () => false };

/** The engine's TLS default, or undefined for engines this rule does not judge (Oracle, Db2: no such parameter). */
function engineDefault(engine: string): EngineDefault | undefined {
  if (["mysql", "mariadb", "aurora", "aurora-mysql"].includes(engine)) return MYSQL_FAMILY;
  if (engine.startsWith("sqlserver-")) return SQL_SERVER;
  // RDS for PostgreSQL forces TLS by default from major version 15; an unset version gets AWS's current default, later than 15.
  if (engine === "postgres")
    return { parameter: "rds.force_ssl", requiresTls: (major) => major === undefined || major >= 15 };
  // Aurora PostgreSQL documents rds.force_ssl = 0 as the default; later majors are not judged until a source says.
  if (engine === "aurora-postgresql")
    return {
      parameter: "rds.force_ssl",
      requiresTls: (major) => (major !== undefined && major < 17 ? false : "unknown"),
    };
  return undefined;
}

const GROUP_ATTRIBUTE: Record<string, string> = {
  aws_db_instance: "parameter_group_name",
  aws_rds_cluster: "db_cluster_parameter_group_name",
};
const GROUP_TYPES: Record<string, string> = {
  aws_db_instance: "aws_db_parameter_group",
  aws_rds_cluster: "aws_rds_cluster_parameter_group",
};

/** A database left on its engine's defaults accepts unencrypted connections where those defaults allow them. */
export default defineRule({
  meta: {
    id: "IFL-TLS-027",
    name: "database-engine-requires-tls",
    title: "RDS and Aurora databases on engine defaults that allow plain connections set TLS as required",
    severity: "warning",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "IFL-TLS-014 reports a parameter group that turns TLS enforcement off; this rule reports databases that never turn it on where the engine's default leaves it off. AWS documents the defaults: RDS for MySQL, RDS for MariaDB and Aurora MySQL default `require_secure_transport` to OFF; RDS for SQL Server defaults `rds.force_ssl` to 0; RDS for PostgreSQL defaults `rds.force_ssl` to 1 from major version 15 and to 0 before it; Aurora PostgreSQL documents a default of 0. A database on the default parameter group (or a custom one that leaves the parameter unset) therefore accepts clients that connect without TLS, and queries and patient data cross the network in plain text once that network is no longer a private circuit.",
    remediation:
      'Give the database a parameter group that sets `parameter { name = "require_secure_transport"  value = "ON" }` (MySQL, MariaDB, Aurora MySQL) or `parameter { name = "rds.force_ssl"  value = "1" }` (PostgreSQL, SQL Server, Aurora PostgreSQL), after checking that every client connects with TLS; for PostgreSQL, upgrading to 15 or later also makes TLS the default.',
    links: [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.html",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html",
      "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html",
      "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html",
      "https://repost.aws/knowledge-center/aurora-postgresql-ssl-certificates",
    ],
    messages: {
      engineDefault:
        "{resource} runs {engine}{version} on {group}, which leaves {parameter} at the engine default ({value}), so clients may connect without TLS.",
    },
    resourceTypes: ["aws_db_instance", "aws_rds_cluster"],
    limitations:
      "A parameter group named by a variable, a data source or a name not created in the scan is not judged. Instances of an Aurora cluster are judged through the cluster. Oracle and Db2 (TLS through option groups and listeners) are not judged, nor Aurora PostgreSQL from major version 17, whose default no source consulted states. The certainty follows the engine version: a version from a variable default gives `default`; an unknown PostgreSQL version is not judged.",
  },
  check(context) {
    context.forEachResource(["aws_db_instance", "aws_rds_cluster"], (database) => {
      const engineAttribute = database.attribute("engine");
      const engineValue =
        engineAttribute?.value ?? (database.resourceType === "aws_rds_cluster" ? "aurora" : undefined);
      if (isUnknown(engineValue)) return context.unknown(database, "engine not known");
      const engine = asString(engineValue)?.toLowerCase();
      if (engine === undefined) return context.unknown(database, "engine not set");
      // An Aurora instance's TLS setting lives in its cluster's parameter group.
      if (database.resourceType === "aws_db_instance" && engine.startsWith("aurora")) return;
      const defaults = engineDefault(engine);
      if (!defaults) return;
      const versionAttribute = database.attribute("engine_version");
      const versionValue = versionAttribute?.value;
      if (isUnknown(versionValue)) return context.unknown(database, "engine version not known");
      const version = asString(versionValue);
      const major = version === undefined ? undefined : Number.parseInt(version, 10);
      const verdict = defaults.requiresTls(Number.isNaN(major) ? undefined : major);
      if (verdict === "unknown")
        return context.unknown(database, `the ${engine} ${version ?? ""} default is not known`);

      const groupAttribute = database.attribute(GROUP_ATTRIBUTE[database.resourceType]);
      const { setting, groups } = parameterSetting(context.estate, database, groupAttribute, defaults.parameter);
      if (setting === "unknown") return context.unknown(database, "parameter group not known");
      if (setting === "set" || verdict) return context.pass(database);
      context.report({
        node: groupAttribute ?? database,
        messageId: "engineDefault",
        data: {
          resource: database.address,
          engine,
          version: version ? ` ${version}` : "",
          group: groups.length
            ? `parameter group ${groups.map((group) => group.address).join(", ")}`
            : groupAttribute && typeof groupAttribute.value === "string"
              ? `parameter group ${groupAttribute.value}`
              : "the default parameter group",
          parameter: defaults.parameter,
          value: defaults.parameter === "rds.force_ssl" ? "0" : "OFF",
        },
        resource: database,
        basis: [engineAttribute, versionAttribute],
      });
    });
  },
});

/** Whether the database's parameter group sets the parameter: "set", "unset" (a default group, or one leaving it out), or "unknown"; and the groups in the scan it names. */
function parameterSetting(
  estate: import("../../../src/model/estate.js").Estate,
  database: ResourceNode,
  groupAttribute: AttributeNode | undefined,
  parameter: string,
): { setting: "set" | "unset" | "unknown"; groups: ResourceNode[] } {
  const value = groupAttribute?.value;
  if (value === undefined || value === null) return { setting: "unset", groups: [] };
  if (typeof value === "string" && value.startsWith("default.")) return { setting: "unset", groups: [] };
  const groupType = GROUP_TYPES[database.resourceType];
  const groups = estate
    .referencedResources(value)
    .filter((resource) => resource.mode === "managed" && resource.resourceType === groupType);
  if (!groups.length && typeof value === "string")
    groups.push(
      ...estate
        .resourcesOfType(groupType)
        .filter((group) => group.module.root === database.module.root && group.value("name") === value),
    );
  if (!groups.length) return { setting: "unknown", groups };
  let setting: "set" | "unset" | "unknown" = "unset";
  for (const group of groups) {
    if (group.blocksOfType("dynamic").some((block) => block.labels[0] === "parameter"))
      return { setting: "unknown", groups };
    for (const block of group.blocksOfType("parameter")) {
      const name = block.value("name");
      if (isUnknown(name)) setting = "unknown";
      else if (asString(name)?.toLowerCase() === parameter) return { setting: "set", groups };
    }
  }
  return { setting, groups };
}
