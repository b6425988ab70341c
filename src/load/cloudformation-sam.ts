/**
 * The SAM transform (`Transform: AWS::Serverless-2016-10-31`), done as far as the rules need: the
 * API Gateway resources SAM creates are added to the template as CloudFormation resources,
 * positioned at what the author wrote (the `AWS::Serverless::Api`, its `Domain`, or the function
 * event that makes SAM create the implicit `ServerlessRestApi`/`ServerlessHttpApi`).
 */
import type { Span } from "../source/source-file.js";
import {
  entryOf,
  usesTransform,
  valueOf,
  type TemplateEntry,
  type TemplateNode,
} from "../parsers/cloudformation/template-tree.js";

const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

export function isServerless(root: TemplateNode): boolean {
  return usesTransform(root, SAM_TRANSFORM);
}

/** The template with SAM's resources expanded into CloudFormation ones; other templates unchanged. */
export function expandServerless(root: TemplateNode): TemplateNode {
  if (root.kind !== "object" || !isServerless(root)) return root;
  const resources = valueOf(root, "Resources");
  if (resources?.kind !== "object") return root;
  const globals = valueOf(root, "Globals");
  const expanded: TemplateEntry[] = [];
  // The implicit APIs: the event that first makes each, and the conditions of the functions that do.
  const implicit = new Map<"ServerlessRestApi" | "ServerlessHttpApi", ImplicitApi>();
  const needs = (key: "ServerlessRestApi" | "ServerlessHttpApi", event: TemplateEntry, condition?: TemplateNode) => {
    const api = implicit.get(key) ?? { event: { ...event, key }, conditions: [] };
    api.conditions.push(condition);
    implicit.set(key, api);
  };
  for (const entry of resources.entries) {
    const type = scalarText(valueOf(entry.value, "Type"));
    const properties = valueOf(entry.value, "Properties");
    const condition = valueOf(entry.value, "Condition");
    switch (type) {
      case "AWS::Serverless::Api":
        expanded.push(...restApi(entry, withGlobals(properties, valueOf(globals, "Api")), condition));
        break;
      case "AWS::Serverless::HttpApi":
        expanded.push(...httpApi(entry, withGlobals(properties, valueOf(globals, "HttpApi")), condition));
        break;
      case "AWS::Serverless::Function": {
        const functionProperties = withGlobals(properties, valueOf(globals, "Function"));
        expanded.push(resource(entry, "AWS::Lambda::Function", lambdaProperties(entry, functionProperties), condition));
        const events = valueOf(properties, "Events");
        for (const event of events?.kind === "object" ? events.entries : []) {
          const eventType = scalarText(valueOf(event.value, "Type"));
          const eventProperties = valueOf(event.value, "Properties");
          if (eventType === "Api" && !valueOf(eventProperties, "RestApiId"))
            needs("ServerlessRestApi", event, condition);
          if (eventType === "HttpApi" && !valueOf(eventProperties, "ApiId"))
            needs("ServerlessHttpApi", event, condition);
        }
        break;
      }
      default:
        expanded.push(entry);
    }
  }
  const conditions: TemplateEntry[] = [];
  for (const [key, api] of implicit) {
    const condition = implicitCondition(key, api, conditions);
    if (key === "ServerlessRestApi")
      expanded.push(...restApi(api.event, withGlobals(undefined, valueOf(globals, "Api")), condition, "Prod"));
    else expanded.push(...httpApi(api.event, withGlobals(undefined, valueOf(globals, "HttpApi")), condition));
  }
  const withResources = root.entries.map((entry) =>
    entry.key === "Resources" ? { ...entry, value: { ...resources, entries: expanded } } : entry,
  );
  if (!conditions.length) return { ...root, entries: withResources };
  const existing = entryOf(root, "Conditions");
  const merged: TemplateEntry = existing
    ? {
        ...existing,
        value: {
          kind: "object",
          span: existing.value.span,
          entries: [...(existing.value.kind === "object" ? existing.value.entries : []), ...conditions],
        },
      }
    : { key: "Conditions", keySpan: root.span, value: { kind: "object", span: root.span, entries: conditions } };
  return {
    ...root,
    entries: existing
      ? withResources.map((entry) => (entry.key === "Conditions" ? merged : entry))
      : [...withResources, merged],
  };
}

interface ImplicitApi {
  event: TemplateEntry;
  conditions: (TemplateNode | undefined)[];
}

/**
 * As SAM gives an implicit API a condition: none if a function without one makes it; the
 * function's own if there is one; else `<Api>Condition`, the Or of theirs (added to `conditions`).
 */
function implicitCondition(key: string, api: ImplicitApi, conditions: TemplateEntry[]): TemplateNode | undefined {
  const names: string[] = [];
  for (const condition of api.conditions) {
    const name = condition?.kind === "scalar" && typeof condition.value === "string" ? condition.value : undefined;
    if (name === undefined) return undefined;
    if (!names.includes(name)) names.push(name);
  }
  const at = api.event.value.span;
  if (names.length === 1) return scalar(at, names[0]);
  const name = `${key}Condition`;
  const or: TemplateNode = {
    kind: "object",
    span: at,
    entries: [
      {
        key: "Fn::Or",
        keySpan: at,
        value: { kind: "array", span: at, items: names.map((each) => object(at, [["Condition", scalar(at, each)]])) },
      },
    ],
  };
  conditions.push({ key: name, keySpan: api.event.keySpan, value: or });
  return scalar(at, name);
}

function restApi(
  entry: TemplateEntry,
  properties: TemplateNode | undefined,
  condition: TemplateNode | undefined,
  defaultStage?: string,
): TemplateEntry[] {
  const at = entry.value.span;
  const id = entry.key;
  const endpoint = valueOf(properties, "EndpointConfiguration");
  const endpointType = endpoint?.kind === "object" ? valueOf(endpoint, "Type") : endpoint;
  const stageName = valueOf(properties, "StageName") ?? scalar(at, defaultStage ?? "Prod");
  const stageText = scalarText(stageName) ?? "Stage";
  const result = [
    resource(
      entry,
      "AWS::ApiGateway::RestApi",
      object(at, [
        ["Name", entryOf(properties, "Name")],
        ["Tags", entryOf(properties, "Tags")],
        [
          "EndpointConfiguration",
          endpointType && object(endpointType.span, [["Types", array(endpointType.span, [endpointType])]]),
        ],
        ["DisableExecuteApiEndpoint", entryOf(properties, "DisableExecuteApiEndpoint")],
      ]),
      condition,
    ),
    resource(
      { ...entry, key: `${id}${stageText}Stage` },
      "AWS::ApiGateway::Stage",
      object(at, [
        ["RestApiId", ref(entry.keySpan, id)],
        ["StageName", stageName],
        ["MethodSettings", entryOf(properties, "MethodSettings")],
      ]),
      condition,
    ),
  ];
  const domain = valueOf(properties, "Domain");
  if (domain?.kind === "object") {
    const domainEndpoint = valueOf(domain, "EndpointConfiguration") ?? scalar(domain.span, "REGIONAL");
    const regional = scalarText(domainEndpoint) !== "EDGE";
    result.push(
      resource(
        { ...entry, key: `${id}DomainName`, keySpan: keyOf(properties, "Domain", entry) },
        "AWS::ApiGateway::DomainName",
        object(domain.span, [
          ["DomainName", entryOf(domain, "DomainName")],
          ["SecurityPolicy", entryOf(domain, "SecurityPolicy")],
          [regional ? "RegionalCertificateArn" : "CertificateArn", valueOf(domain, "CertificateArn")],
          [
            "EndpointConfiguration",
            object(domainEndpoint.span, [["Types", array(domainEndpoint.span, [domainEndpoint])]]),
          ],
        ]),
        condition,
      ),
    );
  }
  return result;
}

function httpApi(
  entry: TemplateEntry,
  properties: TemplateNode | undefined,
  condition: TemplateNode | undefined,
): TemplateEntry[] {
  const at = entry.value.span;
  const id = entry.key;
  const result = [
    resource(
      entry,
      "AWS::ApiGatewayV2::Api",
      object(at, [
        ["Name", entryOf(properties, "Name")],
        ["Tags", entryOf(properties, "Tags")],
        ["ProtocolType", scalar(at, "HTTP")],
        ["DisableExecuteApiEndpoint", entryOf(properties, "DisableExecuteApiEndpoint")],
      ]),
      condition,
    ),
    resource(
      { ...entry, key: `${id}ApiGatewayDefaultStage` },
      "AWS::ApiGatewayV2::Stage",
      object(at, [
        ["ApiId", ref(entry.keySpan, id)],
        ["StageName", valueOf(properties, "StageName") ?? scalar(at, "$default")],
        ["DefaultRouteSettings", entryOf(properties, "DefaultRouteSettings")],
      ]),
      condition,
    ),
  ];
  const domain = valueOf(properties, "Domain");
  if (domain?.kind === "object")
    result.push(
      resource(
        { ...entry, key: `${id}DomainName`, keySpan: keyOf(properties, "Domain", entry) },
        "AWS::ApiGatewayV2::DomainName",
        object(domain.span, [
          ["DomainName", entryOf(domain, "DomainName")],
          [
            "DomainNameConfigurations",
            array(domain.span, [
              object(domain.span, [
                ["SecurityPolicy", entryOf(domain, "SecurityPolicy")],
                ["CertificateArn", entryOf(domain, "CertificateArn")],
                ["EndpointType", valueOf(domain, "EndpointConfiguration") ?? scalar(domain.span, "REGIONAL")],
              ]),
            ]),
          ],
        ]),
        condition,
      ),
    );
  return result;
}

function lambdaProperties(entry: TemplateEntry, properties: TemplateNode | undefined): TemplateNode {
  return object(entry.value.span, [
    ["FunctionName", entryOf(properties, "FunctionName")],
    ["Environment", entryOf(properties, "Environment")],
    ["VpcConfig", entryOf(properties, "VpcConfig")],
  ]);
}

/** The resource's properties over the template's `Globals` section for its kind (the resource wins). */
function withGlobals(
  properties: TemplateNode | undefined,
  globals: TemplateNode | undefined,
): TemplateNode | undefined {
  if (globals?.kind !== "object") return properties;
  if (properties && properties.kind !== "object") return properties;
  const own = properties?.entries ?? [];
  const keys = new Set(own.map((entry) => entry.key));
  return {
    kind: "object",
    span: properties?.span ?? globals.span,
    entries: [...own, ...globals.entries.filter((entry) => !keys.has(entry.key))],
  };
}

/** Where a synthesized resource that comes from a property (a `Domain`) is shown: at that property's key. */
function keyOf(properties: TemplateNode | undefined, key: string, fallback: TemplateEntry): Span {
  return entryOf(properties, key)?.keySpan ?? fallback.keySpan;
}

function resource(
  entry: TemplateEntry,
  type: string,
  properties: TemplateNode,
  condition: TemplateNode | undefined,
): TemplateEntry {
  const at = entry.value.span;
  return {
    key: entry.key,
    keySpan: entry.keySpan,
    value: object(at, [
      ["Type", scalar(at, type)],
      ["Properties", properties],
      ["Condition", condition],
      ["Metadata", entryOf(entry.value, "Metadata")],
    ]),
  };
}

/** An object node; an entry given as the template's own entry keeps its key's position. */
function object(span: Span, entries: [string, TemplateNode | TemplateEntry | undefined][]): TemplateNode {
  return {
    kind: "object",
    span,
    entries: entries
      .filter((entry): entry is [string, TemplateNode | TemplateEntry] => entry[1] !== undefined)
      .map(([key, item]) =>
        "keySpan" in item
          ? { key, keySpan: item.keySpan, value: item.value }
          : { key, keySpan: item.span, value: item },
      ),
  };
}

function array(span: Span, items: TemplateNode[]): TemplateNode {
  return { kind: "array", span, items };
}

function scalar(span: Span, value: string): TemplateNode {
  return { kind: "scalar", span, value };
}

function ref(span: Span, logicalId: string): TemplateNode {
  return object(span, [["Ref", scalar(span, logicalId)]]);
}

function scalarText(node: TemplateNode | undefined): string | undefined {
  return node?.kind === "scalar" && typeof node.value === "string" ? node.value : undefined;
}
