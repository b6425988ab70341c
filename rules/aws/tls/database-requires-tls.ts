import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";

const PARAMETER_GROUP_TYPES = ["aws_db_parameter_group", "aws_rds_cluster_parameter_group"];

/** Parameters that make the engine refuse unencrypted connections: PostgreSQL and SQL Server; MySQL and MariaDB. */
const TLS_PARAMETERS = new Set(["rds.force_ssl", "require_secure_transport"]);

/** Spellings of "off" the engines accept for these boolean parameters. */
const OFF_VALUES = new Set(["0", "false", "off"]);

/** A parameter group that switches TLS enforcement off lets clients send queries and results in plain text. */
export default defineRule({
  meta: {
    id: "IFL-TLS-014",
    name: "database-requires-tls",
    title: "RDS and Aurora parameter groups do not turn off required TLS",
    severity: "warning",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "The NHS cloud data guidance makes TLS 1.2 the default for data in transit. A database parameter group with `rds.force_ssl = 0` (PostgreSQL, SQL Server) or `require_secure_transport = OFF` (MySQL, MariaDB) lets clients connect without TLS, so queries and patient data cross the network in plain text once that network is no longer a private circuit.",
    remediation:
      'Set `parameter { name = "rds.force_ssl"  value = "1" }` (PostgreSQL, SQL Server) or `parameter { name = "require_secure_transport"  value = "ON" }` (MySQL, MariaDB), after checking that every client connects with TLS.',
    links: [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html",
    ],
    messages: {
      tlsOff:
        "Parameter group {resource} sets {parameter} = {value}, so clients of the databases that use it may connect without TLS.",
    },
    resourceTypes: PARAMETER_GROUP_TYPES,
    limitations:
      "Only parameters set explicitly to off are reported. A group that leaves the parameter unset is judged on the databases that use it, against their engine's default, by IFL-TLS-027. Amazon MQ brokers (`aws_mq_broker`) accept only TLS on every wire protocol, ActiveMQ and RabbitMQ alike, so there is no setting to check.",
  },
  check(context) {
    context.forEachResource(PARAMETER_GROUP_TYPES, (group) => {
      if (group.blocksOfType("dynamic").some((block) => block.labels[0] === "parameter"))
        return context.unknown(group, "parameters not known");
      for (const parameter of group.blocksOfType("parameter")) {
        const name = parameter.value("name");
        const value = parameter.attribute("value");
        if (isUnknown(name)) {
          context.unknown(group, "a parameter name is not known");
          continue;
        }
        if (!TLS_PARAMETERS.has(asString(name)?.toLowerCase() ?? "") || !value) continue;
        if (isUnknown(value.value)) {
          context.unknown(group, `${String(name)} not known`);
          continue;
        }
        const setting = asString(value.value)?.toLowerCase();
        if (setting !== undefined && OFF_VALUES.has(setting)) {
          context.report({
            node: value,
            messageId: "tlsOff",
            data: { resource: group.address, parameter: String(name), value: String(value.value) },
            resource: group,
          });
        } else context.pass(group);
      }
    });
  },
});
