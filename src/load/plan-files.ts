/**
 * Terraform plan JSON (`terraform show -json plan.out`) onto the model: resources from
 * `planned_values` (root and child modules) with their values, `after_unknown` as unknown, and
 * `configuration` references so an association still points at its load balancer when the ARN is
 * not known until apply; when it is known, the resources' identifiers link it (plan-identifiers).
 * Sensitive values are never kept.
 */
import { MAX_NESTING, excessJsonNesting } from "../parsers/nesting-guard.js";
import { parseTree, type Node as JsonNode } from "jsonc-parser";
import { SourceRange, type SourceFile } from "../source/source-file.js";
import { BlockNode, ResourceNode, withAttribute, type AttributeNode, type ValuePath } from "../model/nodes.js";
import type { Estate } from "../model/estate.js";
import { Unknown, type Reference, type Value, type ValueObject } from "../model/value.js";
import { configKey, configurationLinks, referencesOfTargets } from "./plan-configuration.js";
import { addPlanIdentifiers, priorStateValues, type PlannedResource } from "./plan-identifiers.js";
import { arrayAt, nodeAt, properties, propertiesWithNode, stringAt } from "./plan-json.js";

/** A plan is recognised by content, whatever its file name. */
export function looksLikePlan(head: string): boolean {
  return (
    head.includes('"format_version"') &&
    (head.includes('"planned_values"') || head.includes('"resource_changes"') || head.length >= 4096)
  );
}

export function isPlanDocument(root: JsonNode | undefined): boolean {
  if (root?.type !== "object") return false;
  const keys = new Set((root.children ?? []).map((property) => property.children?.[0]?.value));
  return keys.has("format_version") && (keys.has("planned_values") || keys.has("resource_changes"));
}

/**
 * What `terraform show -json` writes without a plan file: the state (`values`), or `format_version`
 * alone when there is none yet. Its resources are read as a plan's are; it has no changes.
 */
function isStateDocument(root: JsonNode | undefined): boolean {
  if (root?.type !== "object") return false;
  const keys = new Set((root.children ?? []).map((property) => property.children?.[0]?.value));
  return (
    keys.has("format_version") &&
    [...keys].every((key) => key === "format_version" || key === "terraform_version" || key === "values")
  );
}

interface Change {
  actions: string[];
  afterUnknown?: JsonNode;
  afterSensitive?: JsonNode;
}

/**
 * A plan captured through GitHub's setup-terraform wrapper starts with a `[command]...` line and
 * ends with `::set-output` lines: blanked (offsets and lines kept), the JSON between is the plan.
 */
function withoutActionsWrapper(text: string): string {
  if (!text.startsWith("[command]")) return text;
  const start = text.indexOf("\n{") + 1;
  const tail = text.search(/\n::[a-z-]+/);
  const end = text.lastIndexOf("}", tail >= 0 ? tail : text.length) + 1;
  if (start <= 0 || end <= start) return text;
  const blank = (part: string) => part.replace(/[^\n]/g, " ");
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

export function addPlanFile(estate: Estate, file: SourceFile, rootDirectory: string): boolean {
  const errors: { error: number; offset: number; length: number }[] = [];
  const tooDeep = excessJsonNesting(file.text);
  if (tooDeep !== undefined) {
    estate.diagnostics.push({
      range: new SourceRange(file, tooDeep, tooDeep + 1),
      summary: "Nesting too deep",
      detail: `Expected at most ${MAX_NESTING} levels of nested arrays and objects in a plan.`,
    });
    return false;
  }
  const root = parseTree(withoutActionsWrapper(file.text), errors);
  const state = !isPlanDocument(root) && isStateDocument(root);
  if (!root || (!isPlanDocument(root) && !state)) {
    // Discovery saw a plan's opening; a document that then does not parse is reported, not dropped.
    // One that parses but is something else `terraform ... -json` writes (validate, providers
    // schema, version) is not an input.
    if (!root || errors.length) {
      const at = errors[0]?.offset ?? 0;
      estate.diagnostics.push({
        range: new SourceRange(file, at, at + 1),
        summary: "Invalid plan JSON",
        detail: "Expected the JSON document `terraform show -json` writes.",
      });
    }
    return false;
  }
  estate.files.push({ file, comments: [], commentPrefixes: [] });
  if (errors.length) {
    const at = errors[0].offset;
    estate.diagnostics.push({
      range: new SourceRange(file, at, at + 1),
      summary: "Invalid JSON",
      detail: "Expected a valid Terraform plan JSON document.",
    });
    return true;
  }
  const changes = new Map<string, Change>();
  for (const change of arrayAt(root, ["resource_changes"])) {
    const address = stringAt(change, ["address"]);
    if (!address) continue;
    changes.set(address, {
      actions: arrayAt(change, ["change", "actions"]).map((node) => String(node.value)),
      afterUnknown: nodeAt(change, ["change", "after_unknown"]),
      afterSensitive: nodeAt(change, ["change", "after_sensitive"]),
    });
  }
  const linksOf = configurationLinks(root);
  const moduleInstances = plannedModuleInstances(nodeAt(root, state ? ["values"] : ["planned_values"]));
  const builder = new PlanBuilder(file);
  const planned: PlannedResource[] = [];
  const visitModule = (moduleNode: JsonNode | undefined): void => {
    if (!moduleNode) return;
    const moduleAddress = stringAt(moduleNode, ["address"]) ?? "";
    const instance = estate.module(rootDirectory, moduleAddress, rootDirectory);
    for (const resourceNode of arrayAt(moduleNode, ["resources"])) {
      const address = stringAt(resourceNode, ["address"]);
      const type = stringAt(resourceNode, ["type"]);
      const name = stringAt(resourceNode, ["name"]);
      if (!address || !type || !name) continue;
      const mode = stringAt(resourceNode, ["mode"]) === "data" ? "data" : "managed";
      const index = nodeAt(resourceNode, ["index"])?.value as string | number | undefined;
      const change = changes.get(address);
      const links = linksOf(configKey(moduleAddress, mode, type, name));
      const block = builder.resourceBlock(
        resourceNode,
        [mode === "data" ? "data" : "resource", type, name],
        change,
        (path) => referencesOfTargets(links.get(path), instance, moduleInstances),
      );
      const resource = new ResourceNode(mode, type, name, instance, "plan", block, index);
      resource.planActions = change?.actions;
      (mode === "data" ? estate.dataSources : estate.resources).push(resource);
      planned.push({ resource, links });
    }
    for (const child of arrayAt(moduleNode, ["child_modules"])) visitModule(child);
  };
  visitModule(nodeAt(root, state ? ["values", "root_module"] : ["planned_values", "root_module"]));
  estate.invalidateIndexes();
  addPlanIdentifiers(estate, planned, priorStateValues(root), moduleInstances);
  estate.invalidateIndexes();
  return true;
}

/** The module instance addresses planned values hold (`module.web["portal"]`), the root's "" too. */
function plannedModuleInstances(values: JsonNode | undefined): Set<string> {
  const found = new Set<string>([""]);
  const visit = (moduleNode: JsonNode | undefined, depth: number): void => {
    if (!moduleNode || depth > 32) return;
    const address = stringAt(moduleNode, ["address"]);
    if (address) found.add(address);
    for (const child of arrayAt(moduleNode, ["child_modules"])) visit(child, depth + 1);
  };
  visit(nodeAt(values, ["root_module"]), 0);
  return found;
}

class PlanBuilder {
  constructor(private readonly file: SourceFile) {}

  /** `referencesAt` gives the configured references of an argument path (`load_balancer_arn`, `alias.name`). */
  resourceBlock(
    resourceNode: JsonNode,
    [blockType, ...labels]: string[],
    change: Change | undefined,
    referencesAt: (path: string) => Reference[],
  ): BlockNode {
    const values = nodeAt(resourceNode, ["values"]);
    const unknown = change?.afterUnknown;
    const sensitive = change?.afterSensitive ?? nodeAt(resourceNode, ["sensitive_values"]);
    const range = this.range(resourceNode);
    const typeNode = nodeAt(resourceNode, ["address"]);
    const header = typeNode ? this.range(typeNode) : range;
    const { attributes, blocks } = this.body(values, unknown, sensitive, "", referencesAt);
    return new BlockNode(blockType, labels, { range, headerRange: header }, { attributes, blocks });
  }

  private body(
    values: JsonNode | undefined,
    unknown: JsonNode | undefined,
    sensitive: JsonNode | undefined,
    blockPath: string,
    referencesAt: (path: string) => Reference[],
  ): { attributes: Map<string, AttributeNode>; blocks: BlockNode[] } {
    const attributes = new Map<string, AttributeNode>();
    const blocks: BlockNode[] = [];
    for (const [name, valueNode, property] of propertiesWithNode(values)) {
      const path = `${blockPath}${name}`;
      const value = this.value(
        valueNode,
        nodeAt(unknown, [name]),
        nodeAt(sensitive, [name]),
        `${name}`,
        referencesAt(path),
      );
      attributes.set(name, this.attribute(name, property, value, valueNode));
      // Nested blocks appear as arrays of objects; give them as blocks too, as for Terraform JSON.
      const items = valueNode.type === "array" ? (valueNode.children ?? []) : [];
      items.forEach((item, index) => {
        if (item.type !== "object") return;
        const inner = this.body(
          item,
          nodeAt(unknown, [name, index]),
          nodeAt(sensitive, [name, index]),
          `${path}.`,
          referencesAt,
        );
        blocks.push(
          new BlockNode(
            name,
            [],
            { range: this.range(item), headerRange: this.range(property.children?.[0] ?? item) },
            inner,
          ),
        );
      });
    }
    // Attributes known only after apply appear in after_unknown and not in values (in nested blocks too).
    for (const [name, flag] of properties(unknown)) {
      if (flag.value === true && !attributes.has(name))
        attributes.set(
          name,
          this.attribute(
            name,
            flag,
            new Unknown(`${name} (known after apply)`, referencesAt(`${blockPath}${name}`)),
            flag,
          ),
        );
    }
    return { attributes, blocks };
  }

  private value(
    node: JsonNode,
    unknown: JsonNode | undefined,
    sensitive: JsonNode | undefined,
    name: string,
    references: Reference[],
  ): Value {
    if (unknown?.value === true) return new Unknown(`${name} (known after apply)`, references);
    if (sensitive?.value === true) return new Unknown(`${name} (sensitive)`);
    switch (node.type) {
      case "object": {
        const result: ValueObject = {};
        for (const [key, child] of propertiesWithNode(node))
          result[key] = this.value(
            child,
            nodeAt(unknown, [key]),
            nodeAt(sensitive, [key]),
            `${name}.${key}`,
            references,
          );
        return result;
      }
      case "array":
        return (node.children ?? []).map((child, index) =>
          this.value(child, nodeAt(unknown, [index]), nodeAt(sensitive, [index]), `${name}[${index}]`, references),
        );
      default:
        return node.value as Value;
    }
  }

  private attribute(name: string, property: JsonNode, value: Value, valueNode: JsonNode): AttributeNode {
    const file = this.file;
    return {
      kind: "attribute",
      name,
      range: this.range(property),
      nameRange: this.range(property.children?.[0] ?? property),
      valueRange: this.range(valueNode),
      value,
      certainty: "definite",
      locate: (path: ValuePath) => {
        const target = nodeAt(valueNode, path);
        return target ? new SourceRange(file, target.offset, target.offset + target.length) : undefined;
      },
    };
  }

  private range(node: JsonNode): SourceRange {
    return new SourceRange(this.file, node.offset, node.offset + node.length);
  }
}

/**
 * Where the scan also read a plan resource's `.tf` source, the finding belongs in the source: the
 * plan's values are kept (they are more complete), placed at the source's ranges, with the plan
 * JSON as a related location. The source's own copy of the resource is then dropped.
 */
export function mergePlanWithSource(estate: Estate): void {
  const planResources = estate.resources.filter((resource) => resource.input === "plan");
  if (!planResources.length) return;
  // A plan is of the root module in its own directory; one elsewhere (a plans/ directory) is matched
  // by address only where a single root module has that address.
  const byAddress = new Map<string, ResourceNode[]>();
  for (const resource of estate.resources)
    if (resource.input !== "plan")
      byAddress.set(resource.address, [...(byAddress.get(resource.address) ?? []), resource]);
  const sourceOf = (planned: ResourceNode): ResourceNode | undefined => {
    const candidates = byAddress.get(planned.address) ?? [];
    const inRoot = candidates.filter((candidate) => candidate.module.root === planned.module.root);
    if (inRoot.length) return inRoot[inRoot.length - 1];
    return new Set(candidates.map((candidate) => candidate.module.root)).size === 1
      ? candidates[candidates.length - 1]
      : undefined;
  };
  const replaced = new Set<ResourceNode>();
  const merged = new Map<ResourceNode, ResourceNode>();
  for (const planned of planResources) {
    const source = sourceOf(planned);
    if (!source || replaced.has(source)) continue;
    replaced.add(source);
    const attributes = new Map<string, AttributeNode>();
    for (const [name, attribute] of planned.attributes) {
      const written = source.attribute(name);
      attributes.set(
        name,
        written
          ? withAttribute(attribute, {
              range: written.range,
              nameRange: written.nameRange,
              valueRange: written.valueRange,
              locate: (path) => written.locate(path) ?? attribute.locate(path),
            })
          : attribute,
      );
    }
    const block = new BlockNode(
      source.type,
      source.labels,
      { range: source.range, headerRange: source.headerRange },
      { attributes, blocks: planned.blocks },
    );
    const resource = new ResourceNode(
      planned.mode,
      planned.resourceType,
      planned.name,
      planned.module,
      "plan",
      block,
      planned.instanceKey,
    );
    resource.planActions = planned.planActions;
    for (const identifier of planned.identifiers) resource.addIdentifier(identifier);
    resource.addRelatedRange(planned.headerRange);
    merged.set(planned, resource);
  }
  const keep = estate.resources
    .filter((resource) => !replaced.has(resource))
    .map((resource) => merged.get(resource) ?? resource);
  estate.resources.splice(0, estate.resources.length, ...keep);
  estate.invalidateIndexes();
}
