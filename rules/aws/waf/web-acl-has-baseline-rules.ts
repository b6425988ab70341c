import { defineRule } from "../../../src/engine/rule.js";
import type { BlockNode } from "../../../src/model/nodes.js";
import { asString } from "../../../src/model/value.js";

const BASELINE_GROUPS = new Set(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]);

/** A web ACL is only as good as its rules: a baseline against common attacks, and a rate limit against floods. */
export default defineRule({
  meta: {
    id: "IFL-WAF-007",
    name: "web-acl-has-baseline-rules",
    title: "WAFv2 web ACLs include an AWS managed baseline rule group and a rate-based rule",
    severity: "warning",
    category: "waf",
    guidance: ["IF-CYBER", "NHS-CLOUD"],
    rationale: "A web ACL with no managed baseline (AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet) blocks none of the common web attacks, and without a rate-based rule it offers no protection against request floods, which the NHS cloud principles ask for on national and public-interest services.",
    remediation: "Add a rule with `managed_rule_group_statement { name = \"AWSManagedRulesCommonRuleSet\"  vendor_name = \"AWS\" }` and a rule with `rate_based_statement { limit = 2000  aggregate_key_type = \"IP\" }`.",
    links: ["https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html", "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html"],
    messages: {
      noBaseline: "Web ACL {resource} has no AWS managed baseline rule group (AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet).",
      noRateLimit: "Web ACL {resource} has no rate-based rule, so it does not limit request floods.",
    },
    resourceTypes: ["aws_wafv2_web_acl"],
  },
  check(context) {
    context.forEachResource("aws_wafv2_web_acl", (acl) => {
      if (acl.blocksOfType("dynamic").some((block) => block.labels[0] === "rule")) return context.unknown(acl, "rules are generated dynamically");
      const statements = acl.blocksOfType("rule").flatMap((rule) => rule.blocksOfType("statement"));
      const nested = (statement: BlockNode, type: string): BlockNode[] => statement.blocksOfType(type);
      const hasBaseline = statements.some((statement) => nested(statement, "managed_rule_group_statement").some((group) => BASELINE_GROUPS.has(asString(group.value("name")) ?? "")));
      const hasRate = statements.some((statement) => nested(statement, "rate_based_statement").length > 0);
      if (!hasBaseline) context.report({ node: acl, messageId: "noBaseline", data: { resource: acl.address } });
      if (!hasRate) context.report({ node: acl, messageId: "noRateLimit", data: { resource: acl.address } });
      if (hasBaseline && hasRate) context.pass(acl);
    });
  },
});
