import { defineRule } from "../../../src/engine/rule.js";
import { coveredElsewhere, untraceableLinks } from "../../shared/untraceable-links.js";

/** A Cognito hosted sign-in page is a public web page: WAF can protect it, when an association says so. */
export default defineRule({
  meta: {
    id: "IFL-WAF-017",
    name: "cognito-hosted-ui-has-waf",
    title: "Cognito user pools with a hosted UI domain are protected by a WAF",
    severity: "note",
    category: "waf",
    guidance: ["IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      "A user pool domain publishes Cognito's hosted sign-in and token endpoints on the internet: the front door of the service's authentication, and a target for credential stuffing. AWS WAF can be associated with a user pool to rate-limit and filter those requests.",
    remediation:
      "Associate a WAFv2 web ACL (with rate-based and managed rules) with the user pool: `aws_wafv2_web_acl_association` with `resource_arn = aws_cognito_user_pool.main.arn`.",
    links: ["https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html"],
    messages: {
      noWaf: "User pool {pool} publishes a hosted UI ({domain}) with no WAF web ACL associated.",
    },
    resourceTypes: ["aws_cognito_user_pool", "aws_cognito_user_pool_domain", "aws_wafv2_web_acl_association"],
    limitations: "Associations made outside the scan (or by Firewall Manager) are not seen.",
  },
  check(context) {
    const estate = context.estate;
    const reach = untraceableLinks(estate, ["aws_wafv2_web_acl_association"], "resource_arn", [
      "aws_cognito_user_pool",
    ]);
    context.forEachResource("aws_cognito_user_pool_domain", (domain) => {
      const pools = estate
        .referencedResources(domain.value("user_pool_id"))
        .filter((pool) => pool.resourceType === "aws_cognito_user_pool");
      if (!pools.length) return context.unknown(domain, "user pool not in the scan");
      for (const pool of pools) {
        if (estate.referrers(pool, "resource_arn", "aws_wafv2_web_acl_association").length) context.pass(domain);
        else if (reach(pool).unknown) context.unknown(domain, "an association's target cannot be traced");
        else
          context.report({
            node: domain,
            messageId: "noWaf",
            data: { pool: pool.address, domain: domain.address },
            resource: domain,
            related: [{ node: pool, message: `user pool ${pool.address}` }],
            conditional: coveredElsewhere(reach(pool)),
          });
      }
    });
  },
});
