import { defineRule } from "../../../src/engine/rule.js";
import { coveredElsewhere, untraceableLinks } from "../../shared/untraceable-links.js";

/** Inbound connections to internet-facing services are to be monitored, with audit logs kept. */
export default defineRule({
  meta: {
    id: "IFL-WAF-008",
    name: "web-acl-is-logged",
    title: "WAFv2 web ACLs send their logs somewhere",
    severity: "warning",
    category: "waf",
    guidance: ["NHS-CLOUD", "IF-CYBER"],
    rationale:
      "The NHS cloud principles ask for inbound and outbound connections to be monitored and audit logs kept. A web ACL without `aws_wafv2_web_acl_logging_configuration` records no request it blocked or allowed, so attacks on a newly public service go unseen.",
    remediation:
      'Add `resource "aws_wafv2_web_acl_logging_configuration" "main" { resource_arn = aws_wafv2_web_acl.main.arn  log_destination_configs = [aws_cloudwatch_log_group.waf.arn] }` (log group names must start with aws-waf-logs-).',
    links: ["https://docs.aws.amazon.com/waf/latest/developerguide/logging.html"],
    messages: {
      notLogged: "Web ACL {resource} has no logging configuration, so its decisions are not recorded.",
    },
    resourceTypes: ["aws_wafv2_web_acl", "aws_wafv2_web_acl_logging_configuration"],
    limitations: "Logging configured in another Terraform root module, or by Firewall Manager, is not visible.",
  },
  check(context) {
    const reach = untraceableLinks(context.estate, ["aws_wafv2_web_acl_logging_configuration"], "resource_arn", [
      "aws_wafv2_web_acl",
    ]);
    context.forEachResource("aws_wafv2_web_acl", (acl) => {
      // The reverse index is built once: asking each configuration about each ACL was quadratic.
      if (context.estate.referrers(acl, "resource_arn", "aws_wafv2_web_acl_logging_configuration").length)
        return context.pass(acl);
      const links = reach(acl);
      if (links.unknown) return context.unknown(acl, "a logging configuration's target cannot be traced");
      context.report({
        node: acl,
        messageId: "notLogged",
        data: { resource: acl.address },
        conditional: coveredElsewhere(links),
      });
    });
  },
});
