import { defineRule } from "../../../src/engine/rule.js";
import { isUnknown } from "../../../src/model/value.js";
import { WAF_ASSOCIATION_TYPES, wafCoverage, wafVerdict } from "../../shared/aws-waf-associations.js";
import { coveredElsewhere } from "../../shared/untraceable-links.js";

/** GraphQL endpoints are public by default and reachable by anyone with the URL. */
export default defineRule({
  meta: {
    id: "IFL-WAF-004",
    name: "appsync-api-has-waf",
    title: "Public AppSync GraphQL APIs are protected by a web application firewall",
    severity: "error",
    category: "waf",
    guidance: ["IF-CYBER", "IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      "An AppSync API with GLOBAL visibility is an internet-facing endpoint. Without a WAFv2 association, nothing filters abusive queries or request floods before they reach resolvers and data sources.",
    remediation:
      "Associate a WAFv2 web ACL (scope REGIONAL) with the API: `resource_arn = aws_appsync_graphql_api.main.arn` in an `aws_wafv2_web_acl_association`.",
    links: ["https://docs.aws.amazon.com/appsync/latest/devguide/WAF-Integration.html"],
    messages: {
      noWaf: "GraphQL API {resource} has no web application firewall.",
    },
    resourceTypes: ["aws_appsync_graphql_api", ...WAF_ASSOCIATION_TYPES],
    limitations:
      "Protection is traced through `aws_wafv2_web_acl_association` resources in the scan. When an association's target cannot be traced (a variable, a data source), or a `removed` block keeps one it no longer manages, the APIs of its root module are not judged, and in a root module with no API of its own (managed, or handed over by a `removed` block) it makes the findings of the repository's other root modules conditional. Web ACLs attached by AWS Firewall Manager are not seen. APIs with `visibility = \"PRIVATE\"` are not judged.",
  },
  check(context) {
    const coverage = wafCoverage(context.estate, ["aws_appsync_graphql_api"]);
    context.forEachResource("aws_appsync_graphql_api", (api) => {
      const visibility = api.value("visibility");
      if (isUnknown(visibility)) return context.unknown(api, visibility.reason);
      if (visibility === "PRIVATE") return;
      const verdict = wafVerdict(coverage, api);
      if (verdict === "protected") return context.pass(api);
      if (verdict === "unknown") return context.unknown(api, "an association's target cannot be traced");
      context.report({
        node: api,
        messageId: "noWaf",
        data: { resource: api.address },
        conditional: coveredElsewhere(coverage.reach(api)),
      });
    });
  },
});
