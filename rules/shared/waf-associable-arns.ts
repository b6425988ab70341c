/**
 * The resources a WAF association's `resource_arn` names when the ARN is written out rather than
 * read from the resource (`aws_api_gateway_stage.live.arn`). AWS documents one ARN shape for each
 * kind of resource a regional web ACL protects (WAFv2 AssociateWebACL / GetWebACLForResource
 * `ResourceArn`):
 *
 * - Application Load Balancer: `arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>`
 * - API Gateway REST API stage: `arn:<partition>:apigateway:<region>::/restapis/<api-id>/stages/<stage-name>`
 * - AppSync GraphQL API: `arn:<partition>:appsync:<region>:<account>:apis/<api-id>`
 * - Cognito user pool: `arn:<partition>:cognito-idp:<region>:<account>:userpool/<user-pool-id>`
 * - App Runner service: `arn:<partition>:apprunner:<region>:<account>:service/<name>/<id>`
 * - Verified Access instance: `arn:<partition>:ec2:<region>:<account>:verified-access-instance/<id>`
 * - Amplify app: `arn:<partition>:amplify:<region>:<account>:apps/<app-id>`
 *
 * All but the stage name their resource by its own id or name (`userpool/${aws_cognito_user_pool.main.id}`),
 * so the reference in the value is the resource's. A stage is named by its API and its name: the
 * value refers to the API (`${aws_api_gateway_rest_api.api.id}`), and a stage name that is known
 * (`${aws_api_gateway_stage.live.stage_name}` with `stage_name = "live"`) leaves no reference to
 * the stage at all, so the stage is found by name among the API's stages.
 */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { asString, Unknown, type Value } from "../../src/model/value.js";

/** What a written-out ARN names, when its shape is one of the above. */
export type ArnTargets =
  /** The resources it names (none: a resource outside the scan). */
  | { kind: "resources"; resources: readonly ResourceNode[] }
  /** It names a resource of this type that cannot be pinned down (a stage name from a variable). */
  | { kind: "untraceable"; type: string };

interface ArnShape {
  /** The shape, on the ARN's text with each unknown part as one placeholder; the resource's own part captured. */
  pattern: RegExp;
  /** Resource types it names. */
  types: readonly string[];
}

/** A placeholder for an unknown part: no `:` or `/`, so it stays inside one field of the ARN. */
const PLACEHOLDER = /\uE000(\d+)\uE000/g;

const FIELD = "[^:/]*";
const SHAPES: readonly ArnShape[] = [
  {
    pattern: new RegExp(`^arn:${FIELD}:elasticloadbalancing:${FIELD}:${FIELD}:loadbalancer/app/(.+)$`),
    types: ["aws_lb", "aws_alb"],
  },
  { pattern: new RegExp(`^arn:${FIELD}:appsync:${FIELD}:${FIELD}:apis/(.+)$`), types: ["aws_appsync_graphql_api"] },
  {
    pattern: new RegExp(`^arn:${FIELD}:cognito-idp:${FIELD}:${FIELD}:userpool/(.+)$`),
    types: ["aws_cognito_user_pool"],
  },
  { pattern: new RegExp(`^arn:${FIELD}:apprunner:${FIELD}:${FIELD}:service/(.+)$`), types: ["aws_apprunner_service"] },
  {
    pattern: new RegExp(`^arn:${FIELD}:ec2:${FIELD}:${FIELD}:verified-access-instance/(.+)$`),
    types: ["aws_verifiedaccess_instance"],
  },
  { pattern: new RegExp(`^arn:${FIELD}:amplify:${FIELD}:${FIELD}:apps/(.+)$`), types: ["aws_amplify_app"] },
];

const STAGE_SHAPE = new RegExp(`^arn:${FIELD}:apigateway:${FIELD}::/restapis/(${FIELD})/stages/(${FIELD})$`);

/**
 * The resources a written-out ARN names, or undefined when the value is not a written-out ARN of a
 * documented shape (a reference such as `aws_lb.portal.arn`, which names its resource already).
 */
export function writtenArnTargets(estate: Estate, value: Value | undefined): ArnTargets | undefined {
  // A known ARN of a resource the scan holds (a plan after the first apply) names it already.
  const identified = typeof value === "string" ? estate.referencedResources(value) : [];
  if (identified.length) return { kind: "resources", resources: identified };
  const text = arnText(value);
  if (!text) return undefined;
  const stage = STAGE_SHAPE.exec(text.text);
  if (stage) return stageTargets(estate, text.field(stage[1]), text.field(stage[2]));
  for (const shape of SHAPES) {
    const match = shape.pattern.exec(text.text);
    if (!match) continue;
    const named = text
      .field(match[1])
      .filter((part): part is Unknown => part instanceof Unknown)
      .flatMap((part) => estate.referencedResources(part))
      .filter((resource) => shape.types.includes(resource.resourceType));
    // Written out with its id or name as text, or from a variable: which resource is not known.
    return named.length ? { kind: "resources", resources: named } : { kind: "untraceable", type: shape.types[0] };
  }
  return undefined;
}

/** A REST API stage by API and name: the API must be a reference; the name, text or a reference to the stage. */
function stageTargets(estate: Estate, api: readonly Part[], name: readonly Part[]): ArnTargets {
  const untraceable = { kind: "untraceable", type: "aws_api_gateway_stage" } as const;
  const apis =
    api.length === 1 && api[0] instanceof Unknown
      ? estate.referencedResources(api[0]).filter((resource) => resource.resourceType === "aws_api_gateway_rest_api")
      : [];
  // An API id written as text or from a variable: a stage of some API not pinned down.
  if (!apis.length) return untraceable;
  const stages = estate
    .resourcesOfType("aws_api_gateway_stage")
    .filter((stage) => apis.some((candidate) => estate.refersTo(stage.value("rest_api_id"), candidate)));
  if (name.length === 1 && typeof name[0] === "string") {
    const written = name[0];
    const names = stages.map((stage) => stage.value("stage_name"));
    // A stage whose own name is not known might be the one named.
    if (names.some((stageName) => typeof asString(stageName) !== "string")) return untraceable;
    return { kind: "resources", resources: stages.filter((_stage, index) => asString(names[index]) === written) };
  }
  if (name.length === 1 && name[0] instanceof Unknown) {
    const named = estate.referencedResources(name[0]).filter((resource) => stages.includes(resource));
    return named.length ? { kind: "resources", resources: named } : untraceable;
  }
  return untraceable;
}

/** Fixed text, or a value not known here. */
type Part = string | Unknown;

/**
 * An ARN's text, with each unknown part as a placeholder, and a way back from a captured field to
 * its parts. Undefined for a value that is not text with an `arn:` prefix known.
 */
function arnText(value: Value | undefined): { text: string; field: (captured: string) => Part[] } | undefined {
  let parts: readonly Part[];
  if (typeof value === "string") parts = [value];
  else if (value instanceof Unknown && value.known?.kind === "text") parts = value.known.parts;
  else return undefined;
  if (typeof parts[0] !== "string" || !parts[0].startsWith("arn:")) return undefined;
  const unknowns: Unknown[] = [];
  const text = parts
    .map((part) => (typeof part === "string" ? part : `\uE000${unknowns.push(part) - 1}\uE000`))
    .join("");
  const field = (captured: string): Part[] =>
    captured
      .split(PLACEHOLDER)
      .map((piece, index) => (index % 2 === 1 ? unknowns[Number(piece)] : piece))
      .filter((piece) => piece !== "");
  return { text, field };
}
