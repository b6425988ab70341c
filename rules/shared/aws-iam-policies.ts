/**
 * IAM policy statements as rules read them, whatever form the code wrote them in: JSON text
 * (`jsonencode`, a heredoc, a literal) or `data "aws_iam_policy_document"` statement blocks (with
 * the documents it merges through `source_policy_documents` and `override_policy_documents`).
 */
import type { Estate } from "../../src/model/estate.js";
import type { AttributeNode, ResourceNode, ValuePath } from "../../src/model/nodes.js";
import { asString, isObject, isUnknown, Unknown, type Value, type ValueObject } from "../../src/model/value.js";
import { parseJson } from "./value-strings.js";

/** Stands for an unknown interpolation in a policy's JSON text: a string that matches nothing precise. */
const UNKNOWN_TEXT = "${unknown}";

export interface PolicyStatement {
  effect: Value;
  /** `"*"`, a list of principals, or an object keyed by principal type (`{ AWS: "*" }`); undefined when absent. */
  principal: Value | undefined;
  actions: Value | undefined;
  resources: Value | undefined;
  /** Conditions as in JSON: `{ Bool: { "aws:SecureTransport": "false" } }`. */
  condition: Value | undefined;
  /** Where the statement is written: the attribute and the path to it, or the data source's statement block. */
  at: { node: AttributeNode; path?: ValuePath } | { node: ResourceNode | import("../../src/model/nodes.js").BlockNode };
}

/** The statements a policy value holds, or an Unknown saying why they cannot be read. */
export function policyStatements(
  estate: Estate,
  attribute: AttributeNode,
  seen: Set<ResourceNode> = new Set(),
): PolicyStatement[] | Unknown {
  const value = attribute.value;
  // JSON text, or the structure jsonencode was given, or a heredoc whose unknown parts sit inside strings.
  const document =
    typeof value === "string"
      ? parseJson(value)
      : value instanceof Unknown && value.known?.kind === "json"
        ? value.known.value
        : value instanceof Unknown && value.known?.kind === "text"
          ? parseJson(value.known.parts.map((part) => (typeof part === "string" ? part : UNKNOWN_TEXT)).join(""))
          : undefined;
  if (isObject(document)) return jsonStatements(document, attribute);
  if (typeof value === "string") return new Unknown("the policy is not JSON");
  const documents = estate
    .referencedResources(value)
    .filter((resource) => resource.mode === "data" && resource.resourceType === "aws_iam_policy_document");
  if (isUnknown(value) && documents.length) {
    const statements: PolicyStatement[] = [];
    for (const document of documents) {
      const read = documentStatements(estate, document, seen);
      if (read instanceof Unknown) return read;
      statements.push(...read);
    }
    return statements;
  }
  return new Unknown(isUnknown(value) ? value.reason : "the policy is not a document");
}

function jsonStatements(document: ValueObject, attribute: AttributeNode): PolicyStatement[] | Unknown {
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (!list) return new Unknown("the policy has no Statement list");
  return list.map((statement, index) => {
    const item = isObject(statement) ? statement : {};
    return {
      effect: item.Effect ?? null,
      principal: item.Principal,
      actions: item.Action,
      resources: item.Resource,
      condition: item.Condition,
      at: { node: attribute, path: Array.isArray(raw) ? ["Statement", index] : ["Statement"] },
    };
  });
}

/** Statements of a `data "aws_iam_policy_document"`, with those of the documents it merges. */
function documentStatements(
  estate: Estate,
  document: ResourceNode,
  seen: Set<ResourceNode>,
): PolicyStatement[] | Unknown {
  if (seen.has(document)) return [];
  seen.add(document);
  if (document.blocksOfType("dynamic").some((block) => block.labels[0] === "statement"))
    return new Unknown(`${document.address} builds statements dynamically`);
  const statements: PolicyStatement[] = [];
  for (const name of ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]) {
    const attribute = document.attribute(name);
    if (!attribute || attribute.value === null) continue;
    const items = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
    for (const item of items) {
      const read = policyStatements(estate, { ...attribute, value: item, locate: attribute.locate }, seen);
      if (read instanceof Unknown) return read;
      statements.push(...read);
    }
  }
  for (const block of document.blocksOfType("statement")) {
    const principals: ValueObject = {};
    for (const principal of block.blocksOfType("principals")) {
      const type = asString(principal.value("type"));
      const identifiers = principal.value("identifiers");
      if (type === undefined) return new Unknown("a principal type is not known");
      principals[type] = identifiers ?? null;
    }
    const condition: ValueObject = {};
    for (const test of block.blocksOfType("condition")) {
      const operator = asString(test.value("test"));
      const variable = asString(test.value("variable"));
      if (operator === undefined || variable === undefined) return new Unknown("a condition is not known");
      const existing = isObject(condition[operator]) ? (condition[operator] as ValueObject) : {};
      condition[operator] = { ...existing, [variable]: test.value("values") ?? null };
    }
    if (block.blocksOfType("dynamic").length) return new Unknown(`${document.address} builds a statement dynamically`);
    statements.push({
      effect: block.value("effect") ?? "Allow",
      principal: block.blocksOfType("principals").length ? principals : undefined,
      actions: block.value("actions"),
      resources: block.value("resources"),
      condition: block.blocksOfType("condition").length ? condition : undefined,
      at: { node: block },
    });
  }
  return statements;
}

/** A value as a list of items: a single string is a list of one. */
export function listOf(value: Value | undefined): Value[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a principal is everyone: `"*"`, `{ AWS: "*" }`, or a principals list holding `*`. */
export function principalIsEveryone(principal: Value | undefined): boolean | "unknown" {
  if (principal === undefined) return false;
  if (isUnknown(principal)) return "unknown";
  if (principal === "*") return true;
  if (isObject(principal)) {
    const identifiers = [...listOf(principal.AWS), ...listOf(principal["*"])];
    if (identifiers.some(isUnknown)) return "unknown";
    return identifiers.includes("*");
  }
  return false;
}
