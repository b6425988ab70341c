/**
 * CloudFormation templates (and SAM templates, and the AWS CDK's synthesized ones) onto the model:
 * each template is a stack, read like a root module. Parameters take their defaults unless a
 * parameters file, the SAM CLI's samconfig (TOML or YAML) or a nesting stack sets them; conditions
 * decide whether a resource exists; each resource of a mapped type becomes the Terraform resource
 * it is (cloudformation-mapping.ts).
 */
import { basename, dirname, join, resolve } from "node:path";
import { yamlLibrary } from "../source/lazy-libraries.js";
import { SourceRange, type Comment, type SourceFile } from "../source/source-file.js";
import type { Estate, SwitchedOffResource } from "../model/estate.js";
import {
  Unknown,
  asString,
  isObject,
  isUnknown,
  type Existence,
  type ModuleInstance,
  type Reference,
  type Value,
} from "../model/value.js";
import { BlockNode, ResourceNode, type AttributeNode } from "../model/nodes.js";
import {
  entryOf,
  isTemplate,
  mayBeTemplate,
  parseTemplate,
  valueOf,
  type ParsedTemplate,
  type TemplateNode,
} from "../parsers/cloudformation/template-tree.js";
import { NO_VALUE, TemplateEvaluator, type ParameterValue } from "./cloudformation-evaluate.js";
import { deepEqual } from "../evaluate/expression.js";
import { mappingsOf, terraformTypeOf } from "./cloudformation-mapping.js";
import { buildResources, type TemplateContext, type TemplateResource } from "./cloudformation-resources.js";
import { expandForEach } from "./cloudformation-foreach.js";
import { expandServerless } from "./cloudformation-sam.js";
import { linkStagesToWafAssociations } from "./cloudformation-stages.js";
import { assemblyConstructPaths, type ConfinedRead } from "./cloudformation-cdk.js";

export interface TemplateOptions {
  /** Parameter values given for every template (`--cfn-parameters`); they override defaults and samconfig. */
  parameters?: ReadonlyMap<string, string>;
  /**
   * Reads a file beside a template (its samconfig, a CDK cloud assembly's manifest) within what the
   * scan may read: a regular file, reached by no link out of the scan; undefined otherwise. Without
   * it, none is read.
   */
  readBeside?: ConfinedRead;
  /**
   * Parameter values nested stacks pass to their templates, by the template's absolute path: filled
   * in by each parent as it is read (read parents first: `parentsFirst`), read by each child.
   */
  nested?: Map<string, NestedParameters[]>;
}

/** The parameters one nested stack resource passes to its template. */
export type NestedParameters = ReadonlyMap<string, ParameterValue>;

/** A template file as JSON or YAML: by its name, or a JSON document's first character. */
function isJsonTemplate(file: SourceFile): boolean {
  return /\.json$/i.test(file.path) || /^\s*[{[]/.test(file.text);
}

/**
 * Reads one template (`parsed`: its tree, when `parentsFirst` made it); false when the file is not
 * a template after all (a YAML file of something else).
 */
export function addTemplateFile(
  estate: Estate,
  file: SourceFile,
  options: TemplateOptions = {},
  parsed: ParsedTemplate = parseTemplate(file.text, isJsonTemplate(file)),
): boolean {
  const isJson = isJsonTemplate(file);
  if (!isTemplate(parsed.root)) {
    // A file that looked like a template but does not parse is reported; anything else is not ours.
    if (parsed.error && mayBeTemplate(file.text.slice(0, 16_384))) {
      estate.diagnostics.push({
        range: new SourceRange(file, parsed.error.span.start, parsed.error.span.end),
        summary: "Invalid CloudFormation template",
        detail: `${parsed.error.message}.`,
      });
      return true;
    }
    return false;
  }
  estate.files.push({
    file,
    comments: parsed.comments,
    commentPrefixes: isJson ? [] : ["#"],
    declaredIgnores: metadataIgnores(file, parsed.root),
  });
  if (parsed.error) {
    estate.diagnostics.push({
      range: new SourceRange(file, parsed.error.span.start, parsed.error.span.end),
      summary: "Invalid CloudFormation template",
      detail: `${parsed.error.message}.`,
    });
    return true;
  }
  const loops = expandForEach(parsed.root!);
  for (const loop of loops.unexpanded)
    estate.diagnostics.push({
      range: new SourceRange(file, loop.span.start, loop.span.end),
      summary: "Fn::ForEach not expanded",
      detail: `The values of loop ${loop.name} are not known here (or it makes too many copies): what it creates is not read.`,
      kind: "foreach-not-expanded",
    });
  const root = expandServerless(loops.root);
  const resourcesNode = valueOf(root, "Resources");
  const typeOf = new Map<string, string>();
  if (resourcesNode?.kind === "object")
    for (const entry of resourcesNode.entries) {
      const type = valueOf(entry.value, "Type");
      if (type?.kind === "scalar" && typeof type.value === "string") typeOf.set(entry.key, type.value);
    }
  const instance = estate.module(file.path, "", dirname(file.path));
  recordTemplate(estate, instance, file, valueOf(parsed.root, "Resources"));
  const reference = (logicalId: string, attribute: string[] = []): Reference | undefined => {
    const type = typeOf.get(logicalId);
    if (!type) return undefined;
    // A resource of a type the mapping does not read is still a resource: a reference to it is
    // traced to something outside what rules see, never mistaken for a literal.
    const terraform = terraformTypeOf(type) ?? `cloudformation_${type.replace(/::/g, "_").toLowerCase()}`;
    return { module: instance, address: `${terraform}.${logicalId}`, path: attribute.map(snakeAttribute) };
  };
  const evaluator = new TemplateEvaluator({
    parameters: parameterValues(root, file, options),
    mappings: valueOf(root, "Mappings"),
    conditions: valueOf(root, "Conditions"),
    resourceReference: reference,
    importValue: (name) => importedValue(estate, name),
  });
  recordExports(estate, evaluator, valueOf(root, "Outputs"));
  const zonesByName = new Map<string, string>();
  const context: TemplateContext = {
    file,
    evaluator,
    instance,
    referenceTo: reference,
    hostedZoneNamed: (name) => {
      const logicalId = zonesByName.get(normaliseZone(name));
      return logicalId ? reference(logicalId) : undefined;
    },
  };
  const resources: TemplateResource[] = [];
  // Resources whose Condition is false on a parameter's default: a deployment may create them.
  const switchedOff: { resource: TemplateResource; switch: SwitchedOffResource["switch"] }[] = [];
  let assemblyPaths: Map<string, string> | undefined;
  for (const entry of resourcesNode?.kind === "object" ? resourcesNode.entries : []) {
    const type = typeOf.get(entry.key);
    if (!type) continue;
    const existence = resourceExistence(evaluator, entry.value);
    if (existence === false) {
      const off = switchedOffByDefault(evaluator, file, entry.value);
      if (off)
        switchedOff.push({
          resource: { logicalId: entry.key, entry, type, properties: valueOf(entry.value, "Properties") },
          switch: off,
        });
      continue;
    }
    const constructPath = asString(
      valueOf(valueOf(entry.value, "Metadata"), "aws:cdk:path")?.kind === "scalar"
        ? (valueOf(valueOf(entry.value, "Metadata"), "aws:cdk:path") as { value: Value }).value
        : undefined,
    );
    if (!constructPath && type !== "AWS::CDK::Metadata")
      assemblyPaths ??= assemblyConstructPaths(file, options.readBeside);
    resources.push({
      logicalId: entry.key,
      entry,
      type,
      properties: valueOf(entry.value, "Properties"),
      existence: existence === true ? undefined : existence,
      constructPath: constructPath ?? assemblyPaths?.get(entry.key),
    });
    if (type === "AWS::Route53::HostedZone") {
      const name = valueOf(valueOf(entry.value, "Properties"), "Name");
      const evaluated = name ? evaluator.evaluate(name) : undefined;
      if (typeof evaluated === "string") zonesByName.set(normaliseZone(evaluated), entry.key);
    }
  }
  if (options.nested) recordNestedParameters(file, resources, evaluator, options.nested);
  for (const resource of resources) {
    const mappings = mappingsOf(resource.type);
    if (mappings.length) estate.resources.push(...buildResources(context, resource, mappings));
  }
  for (const resource of resources) {
    const managed = firewallManagerTag(evaluator, resource);
    if (managed) estate.resources.push(firewallManagerAssociation(context, resource, managed));
  }
  linkStagesToWafAssociations(estate, instance, estate.resources);
  for (const { resource, switch: off } of switchedOff) {
    const built = buildResources(context, resource, mappingsOf(resource.type));
    linkStagesToWafAssociations(estate, instance, built);
    for (const node of built) estate.switchedOff.push({ resource: node, switch: off });
  }
  estate.invalidateIndexes();
  return true;
}

/** Where a resource's Condition is false only on parameter defaults: the Condition, and a trace step saying so. */
function switchedOffByDefault(
  evaluator: TemplateEvaluator,
  file: SourceFile,
  resource: TemplateNode,
): SwitchedOffResource["switch"] | undefined {
  const condition = valueOf(resource, "Condition");
  if (condition?.kind !== "scalar") return undefined;
  const name = String(condition.value);
  if (!evaluator.conditionUsesDefault(name)) return undefined;
  const range = new SourceRange(file, condition.span.start, condition.span.end);
  return {
    range,
    trace: [{ range, message: `Condition ${name} = false (on parameter defaults)` }],
    reason: `its Condition ${name} is false on parameter defaults`,
  };
}

/**
 * The outputs templates export, by export name, per estate: a stack's `Fn::ImportValue` of a name
 * one template of the repository exports (as a CDK app's stacks export to each other) is that
 * output's value, evaluated in its own template, so a reference crosses stacks as it does when
 * deployed. A name exported by several templates (one app built for two environments) is unknown.
 */
const exportsOf = new WeakMap<Estate, Map<string, (() => Value)[]>>();
/** Exports being evaluated: an import cycle is unknown, never endless. */
const importing = new Set<string>();

function recordExports(estate: Estate, evaluator: TemplateEvaluator, outputs: TemplateNode | undefined): void {
  if (outputs?.kind !== "object") return;
  for (const output of outputs.entries) {
    const nameNode = valueOf(valueOf(output.value, "Export"), "Name");
    const value = valueOf(output.value, "Value");
    const name = nameNode && value ? evaluator.evaluate(nameNode) : undefined;
    if (typeof name !== "string" || !value) continue;
    const condition = valueOf(output.value, "Condition");
    if (condition?.kind === "scalar" && evaluator.condition(String(condition.value)) === false) continue;
    let known = exportsOf.get(estate);
    if (!known) exportsOf.set(estate, (known = new Map()));
    known.set(name, [...(known.get(name) ?? []), () => evaluator.evaluate(value)]);
  }
}

function importedValue(estate: Estate, name: string): Value | undefined {
  const exported = exportsOf.get(estate)?.get(name);
  if (exported?.length !== 1 || importing.has(name)) return undefined;
  importing.add(name);
  try {
    const value = exported[0]();
    return value === NO_VALUE ? undefined : value;
  } finally {
    importing.delete(name);
  }
}

/** Nested stacks: `AWS::CloudFormation::Stack` (`TemplateURL`) and SAM's `AWS::Serverless::Application` (`Location`). */
const NESTED_STACK_TYPES: Record<string, string> = {
  "AWS::CloudFormation::Stack": "TemplateURL",
  "AWS::Serverless::Application": "Location",
};

/**
 * Where the template a nested stack resource names may be in the repository: a path relative to the
 * parent template, as `sam build` and `aws cloudformation package` take it (an S3 or HTTPS URL, or
 * a Serverless Application Repository application, is not in the scan). A path into what `sam build`
 * or `sam package` writes (`app/.aws-sam/build/template.yaml`, never committed) stands for the
 * template it was built from too (`app/template.yaml`).
 */
export function nestedTemplatePaths(parent: SourceFile, type: string, properties: TemplateNode | undefined): string[] {
  const property = NESTED_STACK_TYPES[type];
  const location = property ? valueOf(properties, property) : undefined;
  if (location?.kind !== "scalar" || typeof location.value !== "string") return [];
  const path = location.value.trim();
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path)) return [];
  const child = resolve(dirname(parent.absolutePath), path);
  const built = /^(.*)\/\.aws-sam\//.exec(child)?.[1];
  // Only templates of the same repository are ever found there: each repository is loaded on its own.
  return built ? [child, join(built, "template.yaml"), join(built, "template.yml")] : [child];
}

/**
 * Templates ordered so that a template that nests another (in the scan) comes before it; otherwise
 * as given. A loop of templates nesting each other is broken where it is met.
 */
export function parentsFirst(templates: readonly SourceFile[]): {
  ordered: SourceFile[];
  /** The trees parsed to find the nesting, for addTemplateFile (each template is parsed once). */
  parsed: Map<SourceFile, ParsedTemplate>;
} {
  const byPath = new Map(templates.map((template) => [template.absolutePath, template]));
  const parents = new Map<SourceFile, SourceFile[]>();
  const parsed = new Map<SourceFile, ParsedTemplate>();
  for (const template of templates) {
    // Only a template that names a nested stack type is parsed here (the others are not parents).
    if (!/AWS::(CloudFormation::Stack|Serverless::Application)\b/.test(template.text)) continue;
    const tree = parseTemplate(template.text, isJsonTemplate(template));
    parsed.set(template, tree);
    const resources = valueOf(tree.root, "Resources");
    for (const entry of resources?.kind === "object" ? resources.entries : []) {
      const type = valueOf(entry.value, "Type");
      if (type?.kind !== "scalar" || typeof type.value !== "string") continue;
      for (const path of nestedTemplatePaths(template, type.value, valueOf(entry.value, "Properties"))) {
        const child = byPath.get(path);
        if (child && child !== template) parents.set(child, [...(parents.get(child) ?? []), template]);
      }
    }
  }
  if (!parents.size) return { ordered: [...templates], parsed };
  // Depth first over parents, with a stack of its own: a long chain must not overflow the call stack.
  const ordered: SourceFile[] = [];
  const seen = new Set<SourceFile>();
  for (const start of templates) {
    if (seen.has(start)) continue;
    seen.add(start);
    const stack: { template: SourceFile; next: number }[] = [{ template: start, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const parent = parents.get(top.template)?.[top.next++];
      if (parent === undefined) {
        ordered.push(top.template);
        stack.pop();
      } else if (!seen.has(parent)) {
        seen.add(parent);
        stack.push({ template: parent, next: 0 });
      }
    }
  }
  return { ordered, parsed };
}

/** Records what each nested stack of a template passes to its own template's parameters. */
function recordNestedParameters(
  file: SourceFile,
  resources: readonly TemplateResource[],
  evaluator: TemplateEvaluator,
  nested: Map<string, NestedParameters[]>,
): void {
  for (const resource of resources) {
    const children = nestedTemplatePaths(file, resource.type, resource.properties);
    if (!children.length) continue;
    const passed = new Map<string, ParameterValue>();
    const parameters = valueOf(resource.properties, "Parameters");
    for (const entry of parameters?.kind === "object" ? parameters.entries : []) {
      evaluator.usedDefault = false;
      const value = evaluator.evaluate(entry.value);
      if (value !== NO_VALUE) passed.set(entry.key, { value, fromDefault: evaluator.usedDefault });
    }
    for (const child of children) {
      const list = nested.get(child);
      if (list) list.push(passed);
      else nested.set(child, [passed]);
    }
  }
}

/** `Arn` as `arn`, `DNSName` as `dns_name`: GetAtt attributes in the provider's attribute style. */
function snakeAttribute(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

function normaliseZone(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/**
 * true, false, "unknown" for a resource whose `Condition` cannot be decided, or "default" when it
 * holds on a parameter's default (which a deployment may override).
 */
function resourceExistence(evaluator: TemplateEvaluator, resource: TemplateNode): boolean | Existence {
  const condition = valueOf(resource, "Condition");
  if (condition?.kind !== "scalar") return true;
  const name = String(condition.value);
  const value = evaluator.condition(name);
  if (isUnknown(value)) return "unknown";
  return value && evaluator.conditionUsesDefault(name) ? "default" : value;
}

/**
 * Parameter values: given (`--cfn-parameters`), then the samconfig beside the template, then the
 * template's `Default`; a parameter with none of them is unknown, as is every pseudo parameter.
 */
function parameterValues(root: TemplateNode, file: SourceFile, options: TemplateOptions): Map<string, ParameterValue> {
  const values = new Map<string, ParameterValue>();
  const parameters = valueOf(root, "Parameters");
  const samconfig = samConfigOverrides(file, options.readBeside);
  for (const entry of parameters?.kind === "object" ? parameters.entries : []) {
    const type = asString(scalarValue(valueOf(entry.value, "Type"))) ?? "String";
    const given = options.parameters?.get(entry.key);
    const passed = nestedValue(options.nested?.get(file.absolutePath), entry.key);
    if (given === undefined && passed) {
      values.set(entry.key, {
        value: isUnknown(passed.value) ? passed.value : typedValue(passed.value, type),
        fromDefault: passed.fromDefault,
      });
      continue;
    }
    // samconfig is what `sam deploy` uses from a laptop; a pipeline may pass other values, so
    // a finding resting on it is as certain as one resting on a default.
    const configured = given ?? samconfig.get(entry.key);
    if (configured !== undefined) {
      values.set(entry.key, {
        value: isUnknown(configured) ? configured : typed(configured, type),
        fromDefault: given === undefined,
      });
      continue;
    }
    const fallback = entryOf(entry.value, "Default");
    const written = fallback ? scalarValue(fallback.value) : undefined;
    if (fallback && written !== undefined && written !== null) {
      values.set(entry.key, { value: typed(String(written), type), fromDefault: true });
    } else if (fallback?.value.kind === "array") {
      const items = fallback.value.items.map((item) => String(scalarValue(item) ?? ""));
      values.set(entry.key, { value: items, fromDefault: true });
    } else {
      values.set(entry.key, {
        value: new Unknown(`parameter ${entry.key} (set when the stack is deployed)`),
        fromDefault: false,
      });
    }
  }
  for (const [name, value] of options.parameters ?? [])
    if (name.startsWith("AWS::")) values.set(name, { value, fromDefault: false });
  return values;
}

/**
 * What the stacks nesting a template pass for one parameter: the value they all agree on (unknown
 * where they differ); undefined when none passes it (the template's own default, or samconfig, then
 * applies).
 */
function nestedValue(passes: readonly NestedParameters[] | undefined, name: string): ParameterValue | undefined {
  if (!passes?.length) return undefined;
  const values = passes.map((parameters) => parameters.get(name));
  if (values.every((value) => value === undefined)) return undefined;
  const [first] = values;
  if (first && values.every((value) => value !== undefined && deepEqual(value.value, first.value)))
    return { value: first.value, fromDefault: values.some((value) => value!.fromDefault) };
  return {
    value: new Unknown(`parameter ${name} (differs between the stacks that nest the template, or some do not pass it)`),
    fromDefault: false,
  };
}

/** A value passed to a nested stack as its parameter's type takes it (a list parameter from a string). */
function typedValue(value: Value, type: string): Value {
  // Parameter values are strings: a YAML `true` or `443` passed on arrives as "true" or "443".
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? typed(String(value), type)
    : value;
}

function scalarValue(node: TemplateNode | undefined): string | number | boolean | null | undefined {
  return node?.kind === "scalar" ? node.value : undefined;
}

/** List parameters (`CommaDelimitedList`, `List<...>`) are lists of their comma-separated values. */
function typed(value: string, type: string): Value {
  if (type === "CommaDelimitedList" || type.startsWith("List<")) return value.split(",").map((item) => item.trim());
  return value;
}

/** The SAM CLI's configuration files, in the order it looks for them. */
const SAMCONFIG_NAMES = ["samconfig.toml", "samconfig.yaml", "samconfig.yml"];

/**
 * `parameter_overrides` from the samconfig beside the template (or in its parent directory), across
 * its environments and commands: a value every one that sets the parameter agrees on, else unknown.
 * It is read as any other input is (confined to the scan, never a FIFO or device), and only then.
 */
function samConfigOverrides(file: SourceFile, read: TemplateOptions["readBeside"]): Map<string, string | Unknown> {
  const result = new Map<string, string | Unknown>();
  const directory = dirname(file.absolutePath);
  for (const path of [directory, dirname(directory)].flatMap((where) =>
    SAMCONFIG_NAMES.map((name) => join(where, name)),
  )) {
    const text = read?.(path);
    if (text === undefined) continue;
    const name = basename(path);
    const pairs = name.endsWith(".toml") ? tomlOverrides(text) : yamlOverrides(text);
    for (const pair of pairs) {
      const equals = pair.indexOf("=");
      if (equals <= 0) continue;
      const key = pair.slice(0, equals).trim();
      const value = pair
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1");
      const previous = result.get(key);
      if (previous === undefined) result.set(key, value);
      else if (previous !== value)
        result.set(key, new Unknown(`parameter ${key} differs between ${name} environments`));
    }
    return result;
  }
  return result;
}

/** `Key=value` pairs of every `parameter_overrides` in samconfig.toml (a string or a list of strings). */
function tomlOverrides(text: string): string[] {
  const pairs: string[] = [];
  for (const match of text.matchAll(/^\s*parameter_overrides\s*=\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*"|'[^']*')/gm)) {
    const raw = match[1];
    pairs.push(
      ...(raw.startsWith("[")
        ? [...raw.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((item) => unescapeToml(item[1] ?? item[2]))
        : splitOverrides(raw.startsWith('"') ? unescapeToml(raw.slice(1, -1)) : raw.slice(1, -1))),
    );
  }
  return pairs;
}

/** `Key=value` pairs of every `<environment>.<command>.parameters.parameter_overrides` in samconfig.yaml. */
function yamlOverrides(text: string): string[] {
  const { parseDocument, isMap, isScalar, isSeq } = yamlLibrary();
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (document.errors.length || !isMap(document.contents)) return [];
  const pairs: string[] = [];
  for (const environment of document.contents.items) {
    if (!isMap(environment.value)) continue;
    for (const command of environment.value.items) {
      const overrides = isMap(command.value)
        ? command.value.getIn(["parameters", "parameter_overrides"], true)
        : undefined;
      if (isScalar(overrides) && typeof overrides.value === "string") pairs.push(...splitOverrides(overrides.value));
      else if (isSeq(overrides))
        for (const item of overrides.items)
          if (isScalar(item) && typeof item.value === "string") pairs.push(item.value);
    }
  }
  return pairs;
}

/** `A=1 B="two words"` as `A=1`, `B="two words"`. */
function splitOverrides(text: string): string[] {
  return [...text.matchAll(/[^\s=]+=(?:"[^"]*"|\S*)/g)].map((match) => match[0]);
}

function unescapeToml(text: string): string {
  return text.replace(/\\(["\\])/g, "$1");
}

/**
 * `Metadata: { iflint: { ignore: [{ id, reason, until }] } }` on a resource (as cdk-nag and cfn-lint
 * take theirs) covers the resource's lines, like an ignore comment above it.
 */
function metadataIgnores(file: SourceFile, root: TemplateNode | undefined): (Comment & { lines: [number, number] })[] {
  const resources = valueOf(root, "Resources");
  const ignores: (Comment & { lines: [number, number] })[] = [];
  for (const resource of resources?.kind === "object" ? resources.entries : []) {
    const list = valueOf(valueOf(valueOf(resource.value, "Metadata"), "iflint"), "ignore");
    for (const item of list?.kind === "array" ? list.items : []) {
      const field = (name: string) => {
        const node = valueOf(item, name);
        return node?.kind === "scalar" && node.value !== null ? String(node.value) : undefined;
      };
      const id = field("id") ?? field("rule");
      if (!id) continue;
      const reason = field("reason");
      const until = field("until");
      const text = `iflint-ignore ${id}${reason ? ` reason="${reason.replace(/"/g, "'")}"` : ""}${until ? ` until=${until}` : ""}`;
      ignores.push({
        start: item.span.start,
        end: item.span.end,
        text,
        lines: [file.position(resource.keySpan.start).line, file.position(resource.value.span.end).line],
      });
    }
  }
  return ignores;
}

/** The WAF-protectable resource a CloudFormation type is, as the address type WAF associations name. */
const PROTECTABLE: Record<string, string> = {
  "AWS::ApiGateway::RestApi": "aws_api_gateway_stage",
  "AWS::ApiGateway::Stage": "aws_api_gateway_stage",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "aws_lb",
  "AWS::AppSync::GraphQLApi": "aws_appsync_graphql_api",
  "AWS::Cognito::UserPool": "aws_cognito_user_pool",
};

/**
 * AWS Firewall Manager applies web ACLs to resources it selects by tag. A tag that puts a resource
 * in a WAF policy (`FMSRegionalPolicy: "true"`, or opting out of the central one for a custom one:
 * `CustomPolicy: "true"`, as GOV.UK One Login does) means a web ACL iflint cannot see may protect
 * it: the tag's name, or undefined.
 */
function firewallManagerTag(evaluator: TemplateEvaluator, resource: TemplateResource): string | undefined {
  if (!PROTECTABLE[resource.type]) return undefined;
  const tagsNode = valueOf(resource.properties, "Tags");
  if (!tagsNode) return undefined;
  const tags = evaluator.evaluate(tagsNode);
  const pairs: [string, Value][] = Array.isArray(tags)
    ? tags.flatMap((tag) =>
        isObject(tag) && typeof tag.Key === "string" ? [[tag.Key, tag.Value] as [string, Value]] : [],
      )
    : isObject(tags)
      ? Object.entries(tags)
      : [];
  for (const [key, value] of pairs) {
    const enabled = isUnknown(value) || String(value).toLowerCase() === "true";
    if (enabled && /^(FMS|CustomPolicy$)|WAF/i.test(key)) return key;
  }
  return undefined;
}

/**
 * A web ACL association for a resource a Firewall Manager policy may protect, whose target cannot
 * be traced: rules judge the template's resources of that kind unknown rather than unprotected.
 */
function firewallManagerAssociation(context: TemplateContext, resource: TemplateResource, tag: string): ResourceNode {
  const file = context.file;
  const header = new SourceRange(file, resource.entry.keySpan.start, resource.entry.keySpan.end);
  const reason = `a web ACL a Firewall Manager policy may apply (tag ${tag} on ${resource.logicalId})`;
  const target = {
    module: context.instance,
    address: `${PROTECTABLE[resource.type]}.${resource.logicalId}_firewall_manager`,
    path: [],
  };
  const attribute: AttributeNode = {
    kind: "attribute",
    name: "resource_arn",
    range: header,
    nameRange: header,
    valueRange: header,
    value: new Unknown(reason, [target]),
    locate: () => undefined,
  };
  const block = new BlockNode(
    "resource",
    ["aws_wafv2_web_acl_association", `${resource.logicalId}FirewallManager`],
    { range: header, headerRange: header },
    { attributes: new Map([["resource_arn", attribute]]), blocks: [] },
  );
  return new ResourceNode(
    "managed",
    "aws_wafv2_web_acl_association",
    `${resource.logicalId}FirewallManager`,
    context.instance,
    "cloudformation",
    block,
  );
}

/** Each template's resources by logical id and content, per estate, to recognise `rain merge` fragments. */
const templatesOf = new WeakMap<Estate, { instance: ModuleInstance; file: SourceFile; resources: Set<string> }[]>();

/** Records the resources as written (before the SAM transform, which fragments without `Transform` skip). */
function recordTemplate(
  estate: Estate,
  instance: ModuleInstance,
  file: SourceFile,
  resources: TemplateNode | undefined,
): void {
  const keys = new Set<string>();
  for (const entry of resources?.kind === "object" ? resources.entries : [])
    keys.add(`${entry.key}\u0000${contentOf(entry.value)}`);
  const list = templatesOf.get(estate) ?? [];
  list.push({ instance, file, resources: keys });
  templatesOf.set(estate, list);
}

/**
 * A template node's content, whatever its layout (JSON or YAML, short or long forms); a resource
 * too deep or too large (an alias bomb expands to more than memory holds) is its own, like no other.
 */
function contentOf(node: TemplateNode): string {
  const budget = { left: MAX_CONTENT_CHARACTERS };
  return contentWithin(node, 0, budget) ?? `\u0000${uniqueContent++}`;
}

const MAX_CONTENT_CHARACTERS = 256 * 1024;
const MAX_CONTENT_DEPTH = 64;
let uniqueContent = 0;

function contentWithin(node: TemplateNode, depth: number, budget: { left: number }): string | undefined {
  if (depth > MAX_CONTENT_DEPTH || budget.left < 0) return undefined;
  let text: string | undefined;
  if (node.kind === "scalar") text = JSON.stringify(node.value);
  else {
    const parts: string[] = [];
    for (const part of node.kind === "array" ? node.items : node.entries) {
      const value = "kind" in part ? part : part.value;
      const inner = contentWithin(value, depth + 1, budget);
      if (inner === undefined) return undefined;
      parts.push("kind" in part ? inner : `${JSON.stringify(part.key)}:${inner}`);
    }
    text = node.kind === "array" ? `[${parts.join(",")}]` : `{${parts.join(",")}}`;
  }
  budget.left -= text.length;
  return budget.left < 0 ? undefined : text;
}

/**
 * Templates assembled from fragments (`rain merge`, a combine script) keep the fragments beside the
 * merged template. A template whose every resource (logical id and content, as merging copies them)
 * is also in a larger scanned template is such a fragment: its resources are read once, in the
 * merged template, so they are neither reported twice nor, cut off from the rest of their stack,
 * taken for another stack's. Templates that only share names (two apps' `HelloWorldFunction`) are
 * each their own; a fragment dropped is a note (`--verbose`).
 */
export function dropMergedFragments(estate: Estate): void {
  const templates = templatesOf.get(estate) ?? [];
  if (templates.length < 2) return;
  const containing = new Map<string, typeof templates>();
  for (const template of templates)
    for (const key of template.resources) containing.set(key, [...(containing.get(key) ?? []), template]);
  const fragments = new Set<ModuleInstance>();
  for (const template of templates) {
    const [first] = template.resources;
    if (first === undefined) continue;
    const merged = (containing.get(first) ?? []).find(
      (other) =>
        other !== template &&
        other.resources.size > template.resources.size &&
        [...template.resources].every((key) => other.resources.has(key)),
    );
    if (!merged) continue;
    fragments.add(template.instance);
    estate.notes.push({
      range: new SourceRange(template.file, 0, 0),
      message: `read as part of ${merged.file.path}, which holds each of its resources (a merged template's fragment)`,
    });
  }
  if (!fragments.size) return;
  const kept = estate.resources.filter((resource) => !fragments.has(resource.module));
  estate.resources.splice(0, estate.resources.length, ...kept);
  estate.invalidateIndexes();
}
