import {
  defineRule,
  hostsInText as hostNamesIn,
  endpointFor,
  mayNameEndpoint,
  nationalEndpoints,
  rootsMayNameEndpoint,
  type EndpointSettings,
  type NationalEndpoint,
  type RuleContext,
  textDocument,
  UNKNOWN_IN_DOCUMENT,
} from "../../src/engine/rule.js";
import type { AttributeNode, BlockNode, ResourceNode, ValuePath } from "../../src/model/nodes.js";
import { isObject, Unknown, type Value } from "../../src/model/value.js";
import { parseJson, stringsIn, UNKNOWN_PART } from "../shared/value-strings.js";
import { configurationStrings, isOpenApiDocument, mayBeOpenApiText } from "../shared/openapi-body.js";
import type { WrittenText } from "../../src/model/model-node.js";

type MessageId = "hscnOnly" | "checkRoute";

/**
 * Configuration that names a national service host reachable only over HSCN keeps the service on
 * the private network, however it is itself hosted; the catalogue names the internet route.
 */
export default defineRule({
  meta: {
    id: "IFL-EXP-014",
    name: "configuration-avoids-hscn-only-services",
    title: "Configuration reaches NHS national services over the internet, not HSCN-only endpoints",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-NHSD", "IF-C1-PRIVNET"],
    rationale:
      "Internet First asks organisations to find what relies on the private network and which national services are already available over the public internet. A host under the HSCN namespace (`*.ncrs.nhs.uk`, the HSCN resolvers' zones) resolves and routes only inside HSCN, so a service configured with one cannot move off the private network until that dependency moves to the internet route.",
    remediation:
      "Move the integration to the national service's internet-facing route (the message names it where a source does, for example the Spine Directory Service FHIR API on the API platform instead of SDS LDAP), and record the dependency on the asset register and in the implementation plan until it has moved. See docs/national-services.md for what iflint believes about each host.",
    limitations:
      'Only hosts in the catalogue (docs/national-services.md) are known. Strings built at run time, values from outside the scan, and hosts in application code or container images are not seen. A host is reported once per resource (data source, module call, provider, output), where configuration first gives it; the trace shows where the string was written, and where it is written in a file read with `file()` or `templatefile()` (the YAML of an OpenAPI body), that line is a related location. In an OpenAPI or Swagger document (decoded, or held as JSON or YAML text) the members that only document the API are skipped: `description`, `summary`, `title`, `example`, `examples`, `externalDocs`, the root `info` and `tags`, and `x-amazon-apigateway-documentation`; a host in them is sample data for consumers of the API, not something the API calls. In Terraform, a host is seen only when its domain (`nhs.uk`, `nhs.net`, or a configured private endpoint\'s) is written in one piece somewhere its value comes from: the root module\'s files and those of the modules it calls, its variables files, `--var` and `TF_VAR_` values, Terragrunt inputs, the files it reads with `file()` or `templatefile()`, its directory names. A root module with no such text is skipped without evaluating it, so a domain assembled from separate strings (`join(".", ["ncrs", "nhs", "uk"])`, `"ncrs.nhs.${var.tld}"`) or written encoded (`base64decode`, `\\u002e` escapes) is not seen.',
    links: [
      "https://digital.nhs.uk/services/internet-first",
      "https://digital.nhs.uk/services/path-to-live-environments/connect-to-a-path-to-live-environment",
    ],
    messages: {
      hscnOnly: "{where} names {host} ({service}), reachable only over HSCN; {route}",
      checkRoute:
        "{where} names {host} ({service}); check whether it is reachable over the internet ({why}) and record the dependency",
    },
  },
  check(context) {
    const checkBlock = (block: BlockNode, where: string, resource?: ResourceNode) => {
      const named: NamedInAttribute[] = [];
      const collect = (current: BlockNode) => {
        for (const attribute of current.attributes.values())
          named.push(...hostsNamedBy(context, attribute, `${where} ${attribute.name}`));
        for (const child of current.blocks) collect(child);
      };
      collect(block);
      reportHosts(context, named, resource);
    };
    // Most root modules name no endpoint in any text their values are made of: skip them unevaluated.
    // A plan's resources share their root's name, so resources are skipped only if read from Terraform;
    // module calls, providers and outputs come from module files alone (a CDKTF stack's root is a file).
    const rootMayName = rootsMayNameEndpoint(context.settings, context.estate);
    for (const resources of [context.estate.resources, context.estate.dataSources]) {
      for (const resource of resources) {
        if ((resource.input === "hcl" || resource.input === "terraform-json") && !rootMayName(resource.module.root))
          continue;
        checkBlock(resource, resource.address, resource);
      }
    }
    for (const call of context.estate.moduleCalls) {
      if (rootMayName(call.module.root)) checkBlock(call.block, `module.${call.name}`);
    }
    for (const provider of context.estate.providers) {
      if (rootMayName(provider.module.root)) checkBlock(provider.block, `provider ${provider.name}`);
    }
    for (const output of context.estate.rootOutputs) {
      if (!rootMayName(output.module.root)) continue;
      const value = output.block.attribute("value");
      if (value) reportHosts(context, hostsNamedBy(context, value, `output ${output.name}`));
    }
  },
});

/** Terraform's own files, where source text is all a literal holds (CDKTF's may name a TypeScript constant). */
const TERRAFORM_FILE = /\.tf(\.json)?$/;

/** A catalogued host an attribute names, with where in the attribute and, if so, where in a file it was written. */
interface NamedInAttribute extends NamedHost {
  attribute: AttributeNode;
  where: string;
}

/**
 * The hosts an attribute names that are not reached over their internet route; an attribute that
 * names one that is passes (the dependency Internet First asks for).
 */
function hostsNamedBy(context: RuleContext<MessageId>, attribute: AttributeNode, where: string): NamedInAttribute[] {
  // Most attributes are literals naming no NHS domain: skip them without evaluating them. Only in
  // Terraform's own files is the source text the literal (CDKTF's may be a TypeScript constant's name).
  if (
    attribute.writtenLiterally?.() &&
    TERRAFORM_FILE.test(attribute.valueRange.file.path) &&
    !mayNameEndpoint(context.settings, attribute.valueRange.text)
  )
    return [];
  const found = namedHosts(attribute.value, [], context);
  if (found.some(({ entry }) => entry.network === "internet")) context.pass(attribute);
  return found.filter(({ entry }) => entry.network !== "internet").map((host) => ({ ...host, attribute, where }));
}

/** Related locations a finding names at most: where else the host is written. */
const MAX_WRITTEN_AT = 3;

/**
 * One finding per host and resource (or module call, provider, output), at the first place that
 * names it, with the lines of the files it is written in (a YAML template) as related locations.
 */
function reportHosts(context: RuleContext<MessageId>, named: readonly NamedInAttribute[], resource?: ResourceNode) {
  const byHost = new Map<string, NamedInAttribute[]>();
  for (const item of named) {
    const key = item.host.toLowerCase();
    byHost.set(key, [...(byHost.get(key) ?? []), item]);
  }
  for (const [host, items] of byHost) {
    const { attribute, path, entry, where } = items[0];
    const related = [
      ...new Map(
        items.flatMap(({ writtenAt }) =>
          writtenAt ? [[writtenAt.range.file.path + writtenAt.range.startOffset, writtenAt]] : [],
        ),
      ).values(),
    ]
      .slice(0, MAX_WRITTEN_AT)
      .map((node) => ({ node, message: `${host} is written here` }));
    const service = entry.service;
    const data = { where, host, service };
    if (entry.network === "hscn-only" && entry.confidence !== "uncertain") {
      const alternative = entry.internetAlternative;
      const route = alternative
        ? `use ${alternative.service}${alternative.host ? ` at ${alternative.host}` : ""}`
        : "no internet route is known yet: record the dependency on the register and the plan";
      context.report({ node: attribute, path, messageId: "hscnOnly", data: { ...data, route }, resource, related });
    } else {
      const why =
        entry.network === "unknown" ? "the catalogue does not know its network" : "the catalogue is uncertain";
      context.report({
        node: attribute,
        path,
        messageId: "checkRoute",
        data: { ...data, why },
        resource,
        related,
        severity: "note",
      });
    }
  }
}

interface NamedHost {
  path: ValuePath;
  /** As written, with `${...}` for unknown parts. */
  host: string;
  entry: NationalEndpoint;
  /** Where the host is written in a file the value was read from (an OpenAPI body's template). */
  writtenAt?: WrittenText;
}

/**
 * The catalogued hosts a value names. Unknown values still say something: the other members of a
 * jsonencode, a template's fixed text, and the hosts both results of a conditional name (a host in
 * one result only depends on the condition, so it is left out). In an OpenAPI document (decoded, or
 * held as JSON or YAML text, an API's `body`), members that only document the API (examples,
 * descriptions) name nothing it depends on.
 */
function namedHosts(value: Value, path: ValuePath, context: RuleContext<MessageId>): NamedHost[] {
  const settings = context.settings;
  if (value instanceof Unknown && value.known?.kind === "choice") {
    const [first = [], ...others] = value.known.values.map((item) => namedHosts(item, path, context));
    const same = (a: NamedHost, b: NamedHost) => a.host.toLowerCase() === b.host.toLowerCase();
    return first.filter(
      (found, index) =>
        others.every((other) => other.some((item) => same(item, found))) &&
        first.findIndex((item) => same(item, found)) === index,
    );
  }
  if (isOpenApiDocument(value))
    return configurationStrings(value).flatMap(([inDocument, text]) =>
      hostsInText(text, UNKNOWN_PART, settings).map((found) => ({ ...found, path: [...path, ...inDocument] })),
    );
  if (Array.isArray(value)) return value.flatMap((item, index) => namedHosts(item, [...path, index], context));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => namedHosts(item, [...path, key], context));
  if (value instanceof Unknown && value.known?.kind === "json") return namedHosts(value.known.value, path, context);
  const inDocument = openApiTextHosts(value, path, context);
  if (inDocument) return inDocument;
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    const decoded = parseJson(value);
    if (decoded !== undefined) return namedHosts(decoded, path, context);
  }
  return stringsIn(value, { intoKnown: true }).flatMap(([, text]) =>
    hostsInText(text, UNKNOWN_PART, settings).map((found) => ({ ...found, path })),
  );
}

/**
 * The hosts an OpenAPI document held as text names in its configuration, each with where it is
 * written in the file the text was read or rendered from; undefined when the value holds no such document.
 */
function openApiTextHosts(value: Value, path: ValuePath, context: RuleContext<MessageId>): NamedHost[] | undefined {
  const text =
    typeof value === "string"
      ? value
      : value instanceof Unknown && value.known?.kind === "text"
        ? value.known.parts.map((part) => (typeof part === "string" ? part : "")).join("")
        : undefined;
  // Decoded only when it could name a host and be a document: most texts are neither.
  if (text === undefined || !mayBeOpenApiText(text) || !mayNameEndpoint(context.settings, text)) return undefined;
  const document = textDocument(context.estate, value);
  if (!document || !isOpenApiDocument(document.value)) return undefined;
  return configurationStrings(document.value).flatMap(([inDocument, member]) =>
    hostsInText(member, UNKNOWN_IN_DOCUMENT, context.settings).map((found) => ({
      ...found,
      path,
      writtenAt: document.writtenAt(inDocument, found.host),
    })),
  );
}

/** The catalogued hosts a text names (with `unknown` standing for its unknown parts), each with the entry that decides it. */
function hostsInText(text: string, unknown: string, settings: EndpointSettings): Omit<NamedHost, "path">[] {
  // An ARN names an AWS resource (a secret called after the host it holds a key for), not an endpoint.
  // A host the catalogue or the configuration decides is under a domain written in the text: most texts hold none.
  if (text.startsWith("arn:") || !mayNameEndpoint(settings, text)) return [];
  const found: Omit<NamedHost, "path">[] = [];
  for (const { host } of hostNamesIn(text.split(unknown).join(UNKNOWN_LABEL))) {
    const entry = decidingEntry(host, settings);
    if (entry) found.push({ host: host.split(UNKNOWN_LABEL).join("${...}"), entry });
  }
  return found;
}

/** Stands for an unknown part of a template while host names are found: a label no catalogued host has. */
const UNKNOWN_LABEL = "iflint-unknown-part";

/**
 * The catalogue entry that decides a host, or undefined. A host with unknown parts is decided only
 * by a pattern whose whole domain is in the fixed text after the last unknown part
 * (`api.${var.env}.ers.ncrs.nhs.uk` is under `*.ers.ncrs.nhs.uk` whatever the environment), and
 * only when no catalogued host under that text is on another network.
 */
function decidingEntry(host: string, settings: EndpointSettings): NationalEndpoint | undefined {
  const lower = host.toLowerCase();
  if (!lower.includes(UNKNOWN_LABEL)) return endpointFor(settings, host);
  const fixed = lower.slice(lower.lastIndexOf(UNKNOWN_LABEL) + UNKNOWN_LABEL.length);
  const entry = endpointFor(settings, host);
  if (!entry || !entry.hostPattern.startsWith("*.")) return undefined;
  if (!fixed.endsWith(entry.hostPattern.slice(1).toLowerCase())) return undefined;
  const domain = fixed.replace(/^\./, "");
  const under = nationalEndpoints().filter((other) => {
    const name = other.hostPattern.replace(/^\*\./, "").toLowerCase();
    return name === domain || name.endsWith(`.${domain}`);
  });
  return under.every((other) => other.network === entry.network) ? entry : undefined;
}
