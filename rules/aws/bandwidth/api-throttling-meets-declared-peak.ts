import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { asNumber, isUnknown } from "../../../src/model/value.js";

/** An API throttled below the traffic it is expected to carry turns its own users away at the peak. */
export default defineRule({
  meta: {
    id: "IFL-BW-012",
    name: "api-throttling-meets-declared-peak",
    title: "API Gateway throttling allows the declared peak request rate",
    severity: "warning",
    category: "bandwidth",
    guidance: ["IF-C1-BW", "IF-SIZING"],
    rationale:
      "Services moving to the internet take the traffic their private-network users sent, and more. When the configuration declares an API's expected peak (`capacity` with `peakRequestsPerSecond`), a stage throttled below it returns 429 errors to legitimate users at the busiest time: a capacity limit carried over from the old sizing.",
    remediation:
      "Raise `throttling_rate_limit` (REST: `aws_api_gateway_method_settings` `settings`; HTTP: `aws_apigatewayv2_stage` `default_route_settings` or `route_settings`) to at least the declared peak, and use per-client usage plans and the WAF's rate-based rules to limit abuse instead.",
    links: [
      "https://digital.nhs.uk/services/internet-first/internet-first-guidance/network-sizing-and-capacity-guidance",
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
    ],
    messages: {
      throttledBelowPeak:
        "{resource} is throttled to {limit} requests/s, below the declared peak of {peak} requests/s.",
    },
    resourceTypes: [
      "aws_api_gateway_method_settings",
      "aws_api_gateway_stage",
      "aws_api_gateway_rest_api",
      "aws_apigatewayv2_stage",
      "aws_apigatewayv2_api",
    ],
    limitations:
      "Checks only stages or APIs given `peakRequestsPerSecond` in the configuration. Account-level limits and usage plans (per client) are not compared.",
  },
  check(context) {
    const estate = context.estate;
    context.forEachResource("aws_api_gateway_method_settings", (settings) => {
      const apis = estate
        .referencedResources(settings.value("rest_api_id"))
        .filter((api) => api.resourceType === "aws_api_gateway_rest_api");
      // `stage_name = aws_api_gateway_stage.x.stage_name` resolves to the name itself: match by name within the API too.
      const stageName = settings.value("stage_name");
      const stages = estate
        .resourcesOfType("aws_api_gateway_stage")
        .filter(
          (stage) =>
            estate.refersTo(stageName, stage) ||
            (typeof stageName === "string" &&
              stage.value("stage_name") === stageName &&
              apis.some((api) => estate.refersTo(stage.value("rest_api_id"), api))),
        );
      const limits = settings.blocksOfType("settings").map((block) => block.attribute("throttling_rate_limit"));
      compare(context, [...stages, ...apis], settings, limits);
    });
    context.forEachResource("aws_apigatewayv2_stage", (stage) => {
      const apis = estate
        .referencedResources(stage.value("api_id"))
        .filter((api) => api.resourceType === "aws_apigatewayv2_api");
      const limits = [...stage.blocksOfType("default_route_settings"), ...stage.blocksOfType("route_settings")].map(
        (block) => block.attribute("throttling_rate_limit"),
      );
      compare(context, [stage, ...apis], stage, limits);
    });
  },
});

/** Reports the lowest explicit limit when it is below the peak declared for any of `services`. */
function compare(
  context: RuleContext,
  services: readonly ResourceNode[],
  where: ResourceNode,
  limits: (AttributeNode | undefined)[],
): void {
  const peak = services
    .map((service) => context.settings.capacityOf(service)?.peakRequestsPerSecond)
    .find((value) => value !== undefined);
  if (peak === undefined) return;
  const explicit = limits.filter((limit): limit is AttributeNode => limit !== undefined);
  if (explicit.some((limit) => isUnknown(limit.value)))
    return context.unknown(where, "a throttling limit is not known");
  const lowest = explicit
    .map((limit) => ({ limit, value: asNumber(limit.value) }))
    .filter((entry): entry is { limit: AttributeNode; value: number } => entry.value !== undefined)
    .sort((a, b) => a.value - b.value)[0];
  if (!lowest || lowest.value >= peak) return context.pass(where);
  context.report({
    node: lowest.limit,
    messageId: "throttledBelowPeak",
    data: { resource: where.address, limit: lowest.value, peak },
    resource: where,
  });
}
