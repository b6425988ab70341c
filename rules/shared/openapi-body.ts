/**
 * OpenAPI bodies as rules read them: what a REST API's body says about its endpoint, as far as it
 * is known (a body from `templatefile()` with values not known here, such as Lambda ARNs, is an
 * unknown whose fixed text is kept: what the text says holds unless an interpolated value changes
 * it), and which of a document's members configure the API rather than document it.
 */
import type { ValuePath } from "../../src/model/nodes.js";
import { isModuleOutput, isObject, Unknown, type Value, type ValueObject } from "../../src/model/value.js";

/** The OpenAPI extension that carries an API's endpoint settings. */
export const ENDPOINT_EXTENSION = "x-amazon-apigateway-endpoint-configuration";

/**
 * Whether the body carries the endpoint extension: `absent` and `present` when the body says so in
 * full; `unless` when its known parts do not carry it but values interpolated into it (`unknowns`)
 * are not known; `unknown` when nothing of the body is known.
 */
export type EndpointExtension =
  | { kind: "absent" }
  | { kind: "present" }
  | { kind: "unless"; unknowns: Unknown[]; inert: boolean }
  | { kind: "unknown" };

/**
 * Looks for the endpoint extension in a body. An unknown interpolation is `inert` when it cannot
 * add the extension: its value is, in full, the ARN of a resource the scan manages (an ARN holds no
 * line break, quote or `: `), and it sits where a value goes on its line (`uri: ${read_arn}`), so it
 * cannot start a key of its own.
 */
export function endpointExtensionIn(body: Value | undefined): EndpointExtension {
  if (body === undefined || body === null) return { kind: "absent" };
  if (typeof body === "string") return { kind: body.includes(ENDPOINT_EXTENSION) ? "present" : "absent" };
  if (body instanceof Unknown) return unknownBody(body);
  if (Array.isArray(body) || isObject(body)) return structuredBody(body);
  return { kind: "absent" };
}

function unknownBody(body: Unknown): EndpointExtension {
  const known = body.known;
  if (!known) return { kind: "unknown" };
  if (known.kind === "json") return structuredBody(known.value);
  if (known.kind === "choice") return eitherBody(known.values.map(endpointExtensionIn));
  // The values of a map whose keys are not known: not a document.
  if (known.kind === "values") return { kind: "unknown" };
  const parts = known.parts;
  if (parts.some((part) => typeof part === "string" && part.includes(ENDPOINT_EXTENSION))) return { kind: "present" };
  const unknowns = parts.filter((part): part is Unknown => part instanceof Unknown);
  if (!unknowns.length) return { kind: "absent" };
  let line = "";
  let inert = true;
  for (const part of parts) {
    if (typeof part === "string") {
      const lastBreak = part.lastIndexOf("\n");
      line = lastBreak < 0 ? line + part : part.slice(lastBreak + 1);
      continue;
    }
    if (!isArnReference(part) || !VALUE_POSITION.test(line)) inert = false;
    line += "arn";
  }
  return { kind: "unless", unknowns, inert };
}

/**
 * A body given as a structure (jsonencode of an object with unknown members): a member named after
 * the extension carries it; an unknown member that is not an ARN might hold anything.
 */
function structuredBody(body: Value): EndpointExtension {
  const unknowns: Unknown[] = [];
  let present = false;
  const visit = (value: Value): void => {
    if (value instanceof Unknown) unknowns.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value))
      for (const [key, member] of Object.entries(value)) {
        if (key === ENDPOINT_EXTENSION) present = true;
        visit(member);
      }
  };
  visit(body);
  if (present) return { kind: "present" };
  if (!unknowns.length) return { kind: "absent" };
  return { kind: "unless", unknowns, inert: unknowns.every(isArnReference) };
}

/** The bodies a condition not known here chooses between: what both say, else what either might. */
function eitherBody(choices: EndpointExtension[]): EndpointExtension {
  if (choices.some((choice) => choice.kind === "unknown")) return { kind: "unknown" };
  if (choices.every((choice) => choice.kind === "present")) return { kind: "present" };
  if (choices.some((choice) => choice.kind === "present")) return { kind: "unknown" };
  const unless = choices.filter((choice) => choice.kind === "unless");
  if (!unless.length) return { kind: "absent" };
  return {
    kind: "unless",
    unknowns: unless.flatMap((choice) => choice.unknowns),
    inert: unless.every((choice) => choice.inert),
  };
}

/** On a line, text before an interpolation that makes it a value: `key: `, `"key": `, a list item `- `. */
const VALUE_POSITION = /:\s|":|^\s*-\s/;

/** A reference written as a bare traversal (`aws_lambda_function.read.invoke_arn`, `x.y[0].arn`): no operator or call. */
const BARE_TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[\w-]+|\[\d+\]|\["[^"\\\n]*"\])+$/;

/** True when an unknown is exactly the ARN a managed resource will have (`invoke_arn`, `arn`, `execution_arn`). */
function isArnReference(value: Unknown): boolean {
  if (value.references.length !== 1 || !BARE_TRAVERSAL.test(value.reason)) return false;
  const [reference] = value.references;
  const attribute = reference.path.length === 1 ? reference.path[0] : undefined;
  return (
    typeof attribute === "string" &&
    /(^|_)arn$/.test(attribute) &&
    !/(^|\.)data\./.test(reference.address) &&
    !isModuleOutput(reference.address)
  );
}

/**
 * Members of an OpenAPI 3.x or Swagger 2.0 document that only document the API, for readers and
 * documentation tools: API Gateway configures nothing from them. `description` and `summary` (any
 * object), `title`, `example` and `examples` (parameters, media types, schemas, headers; Example
 * objects with `value`/`externalValue`), `externalDocs`, the root's `info` (terms of service,
 * contact and licence URLs) and `tags`, and API Gateway's documentation parts extension.
 */
const DOCUMENTATION_MEMBERS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "info",
  "tags",
  "x-amazon-apigateway-documentation",
]);

/** True for an OpenAPI 3.x or Swagger 2.0 document: `openapi` or `swagger` with `paths` or `info`. */
export function isOpenApiDocument(value: Value | undefined): value is ValueObject {
  return (
    isObject(value) &&
    (typeof value.openapi === "string" || typeof value.swagger === "string") &&
    (isObject(value.paths) || isObject(value.info))
  );
}

/** True when a text may hold an OpenAPI document (a top-level `openapi` or `swagger` member): only those are decoded. */
export function mayBeOpenApiText(text: string): boolean {
  return /(^|[\n{,])\s*["']?(openapi|swagger)["']?\s*:/.test(text);
}

/** The strings an OpenAPI document's configuration holds, with their paths: documentation members left out. */
export function configurationStrings(document: Value, path: ValuePath = []): [ValuePath, string][] {
  if (typeof document === "string") return [[path, document]];
  if (Array.isArray(document)) return document.flatMap((item, index) => configurationStrings(item, [...path, index]));
  if (!isObject(document)) return [];
  return Object.entries(document).flatMap(([key, member]) =>
    DOCUMENTATION_MEMBERS.has(key) ? [] : configurationStrings(member, [...path, key]),
  );
}
