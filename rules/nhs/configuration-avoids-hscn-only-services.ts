import {
  defineRule,
  hostsInText,
  endpointFor,
  mayNameEndpoint,
  nationalEndpoints,
  rootsMayNameEndpoint,
  type EndpointSettings,
  type NationalEndpoint,
  type RuleContext,
} from "../../src/engine/rule.js";
import type { AttributeNode, BlockNode, ResourceNode, ValuePath } from "../../src/model/nodes.js";
import { isObject, Unknown, type Value } from "../../src/model/value.js";
import { parseJson, stringsIn, UNKNOWN_PART } from "../shared/value-strings.js";

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
      'Only hosts in the catalogue (docs/national-services.md) are known. Strings built at run time, values from outside the scan, and hosts in application code or container images are not seen. A host is reported where configuration gives it to a resource, data source, module call, provider or output; the trace shows where the string was written. In Terraform, a host is seen only when its domain (`nhs.uk`, `nhs.net`, or a configured private endpoint\'s) is written in one piece somewhere its value comes from: the root module\'s files and those of the modules it calls, its variables files, `--var` and `TF_VAR_` values, Terragrunt inputs, the files it reads with `file()` or `templatefile()`, its directory names. A root module with no such text is skipped without evaluating it, so a domain assembled from separate strings (`join(".", ["ncrs", "nhs", "uk"])`, `"ncrs.nhs.${var.tld}"`) or written encoded (`base64decode`, `\\u002e` escapes) is not seen.',
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
      for (const attribute of block.attributes.values()) {
        checkAttribute(context, attribute, `${where} ${attribute.name}`, resource);
      }
      for (const child of block.blocks) checkBlock(child, where, resource);
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
      if (value) checkAttribute(context, value, `output ${output.name}`);
    }
  },
});

/** Terraform's own files, where source text is all a literal holds (CDKTF's may name a TypeScript constant). */
const TERRAFORM_FILE = /\.tf(\.json)?$/;

function checkAttribute(
  context: RuleContext<MessageId>,
  attribute: AttributeNode,
  where: string,
  resource?: ResourceNode,
): void {
  // Most attributes are literals naming no NHS domain: skip them without evaluating them. Only in
  // Terraform's own files is the source text the literal (CDKTF's may be a TypeScript constant's name).
  if (
    attribute.writtenLiterally?.() &&
    TERRAFORM_FILE.test(attribute.valueRange.file.path) &&
    !mayNameEndpoint(context.settings, attribute.valueRange.text)
  )
    return;
  let reachesInternetRoute = false;
  for (const { path, host, entry } of namedHosts(attribute.value, [], context.settings)) {
    // A national service reached over its internet route: the dependency Internet First asks for.
    if (entry.network === "internet") {
      reachesInternetRoute = true;
      continue;
    }
    const service = entry.service;
    const data = { where, host: host.toLowerCase(), service };
    if (entry.network === "hscn-only" && entry.confidence !== "uncertain") {
      const alternative = entry.internetAlternative;
      const route = alternative
        ? `use ${alternative.service}${alternative.host ? ` at ${alternative.host}` : ""}`
        : "no internet route is known yet: record the dependency on the register and the plan";
      context.report({ node: attribute, path, messageId: "hscnOnly", data: { ...data, route }, resource });
    } else {
      const why =
        entry.network === "unknown" ? "the catalogue does not know its network" : "the catalogue is uncertain";
      context.report({
        node: attribute,
        path,
        messageId: "checkRoute",
        data: { ...data, why },
        resource,
        severity: "note",
      });
    }
  }
  if (reachesInternetRoute) context.pass(attribute);
}

interface NamedHost {
  path: ValuePath;
  /** As written, with `${...}` for unknown parts. */
  host: string;
  entry: NationalEndpoint;
}

/**
 * The catalogued hosts a value names. Unknown values still say something: the other members of a
 * jsonencode, a template's fixed text, and the hosts both results of a conditional name (a host in
 * one result only depends on the condition, so it is left out).
 */
function namedHosts(value: Value, path: ValuePath, settings: EndpointSettings): NamedHost[] {
  if (value instanceof Unknown && value.known?.kind === "choice") {
    const [first = [], ...others] = value.known.values.map((item) => namedHosts(item, path, settings));
    const same = (a: NamedHost, b: NamedHost) => a.host.toLowerCase() === b.host.toLowerCase();
    return first.filter(
      (found, index) =>
        others.every((other) => other.some((item) => same(item, found))) &&
        first.findIndex((item) => same(item, found)) === index,
    );
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => namedHosts(item, [...path, index], settings));
  if (isObject(value))
    return Object.entries(value).flatMap(([key, item]) => namedHosts(item, [...path, key], settings));
  if (value instanceof Unknown && value.known?.kind === "json") return namedHosts(value.known.value, path, settings);
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    const decoded = parseJson(value);
    if (decoded !== undefined) return namedHosts(decoded, path, settings);
  }
  const found: NamedHost[] = [];
  for (const [, text] of stringsIn(value, { intoKnown: true })) {
    // An ARN names an AWS resource (a secret called after the host it holds a key for), not an endpoint.
    // A host the catalogue or the configuration decides is under a domain written in the text: most texts hold none.
    if (text.startsWith("arn:") || !mayNameEndpoint(settings, text)) continue;
    for (const { host } of hostsInText(text.split(UNKNOWN_PART).join(UNKNOWN_LABEL))) {
      const entry = decidingEntry(host, settings);
      if (entry) found.push({ path, host: host.split(UNKNOWN_LABEL).join("${...}"), entry });
    }
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
