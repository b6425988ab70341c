/**
 * A WAF association names a REST API stage by ARN, written in templates as
 * `!Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/Prod`: the reference is to the
 * API, and the stage only by name. The association is made to refer to that stage of that API too,
 * so the stage is seen as protected.
 */
import type { Estate } from "../model/estate.js";
import { ResourceNode, BlockNode, withAttribute } from "../model/nodes.js";
import { Unknown, asString, isUnknown, type ModuleInstance, type Reference } from "../model/value.js";

const STAGE_ARN = /restapis\/\$\{([A-Za-z0-9]+)\}\/stages\/(\$\{[^}]*\}|[A-Za-z0-9_-]+)/;

/** Rewrites, in `resources` (the estate's, or those a false condition keeps out of it), the template's associations. */
export function linkStagesToWafAssociations(estate: Estate, instance: ModuleInstance, resources: ResourceNode[]): void {
  const inTemplate = (list: readonly ResourceNode[], type: string) =>
    list.filter((resource) => resource.module === instance && resource.resourceType === type);
  const stages = inTemplate(estate.resources, "aws_api_gateway_stage");
  if (!stages.length) return;
  for (const association of inTemplate(resources, "aws_wafv2_web_acl_association")) {
    const attribute = association.attribute("resource_arn");
    const value = attribute?.value;
    if (!attribute || !isUnknown(value)) continue;
    const match = STAGE_ARN.exec(value.reason);
    if (!match) continue;
    const [, api, stageName] = match;
    const ofApi = stages.filter((stage) =>
      (stage.value("rest_api_id") as Unknown | undefined)?.references?.some((reference) =>
        reference.address.endsWith(`.${api}`),
      ),
    );
    // A stage named by a variable (`${ApiStage}`, SAM's `!Ref Api.Stage`) is the API's stage when it has one.
    const named = stageName.startsWith("${")
      ? ofApi.length === 1
        ? ofApi
        : []
      : ofApi.filter((stage) => asString(stage.value("stage_name")) === stageName);
    if (!named.length) continue;
    const references: Reference[] = [
      ...value.references,
      ...named.map((stage) => ({ module: instance, address: stage.baseAddress, path: [] })),
    ];
    const linked = withAttribute(attribute, { value: new Unknown(value.reason, references) });
    const attributes = new Map(association.attributes);
    attributes.set("resource_arn", linked);
    const block = new BlockNode(
      association.type,
      association.labels,
      { range: association.range, headerRange: association.headerRange },
      { attributes, blocks: association.blocks },
    );
    const replacement = new ResourceNode(
      "managed",
      association.resourceType,
      association.name,
      instance,
      "cloudformation",
      block,
    );
    replacement.existence = association.existence;
    replacement.constructPath = association.constructPath;
    resources[resources.indexOf(association)] = replacement;
  }
}
