/**
 * `lifecycle { ignore_changes = [records] }` tells Terraform to set those arguments at creation and
 * then leave them to something else (a person, Amplify, the AKS ingress controller). What the code
 * says for them is not what is deployed, so they are unknown: attributes take an unknown value,
 * nested block types read as an unexpandable `dynamic` block, as rules already treat those.
 */
import { literalText, type Block, type Expression } from "../parsers/hcl/ast.js";
import { attributeNamed } from "../parsers/hcl/packed-attributes.js";
import { bodyToKeep } from "../parsers/hcl/compact-nodes.js";
import type { SourceFile } from "../source/source-file.js";
import { SourceRange } from "../source/source-file.js";
import { BlockNode, withAttribute, type AttributeNode, type BlockParts } from "../model/nodes.js";
import { Unknown } from "../model/value.js";

const REASON = "set outside Terraform after creation (lifecycle ignore_changes)";

/** What a resource block's `ignore_changes` names (see ignoredChanges). */
export type IgnoredChanges = { names: Set<string>; all: boolean; range: SourceRange };

/**
 * The resource as deployed, for what its `ignore_changes` names (`ignored`, from ignoredChanges:
 * read once per block, not per instance); its parts as they are when it names nothing (`labels`
 * are the resource's).
 */
export function withIgnoredChanges(
  parts: BlockParts,
  labels: readonly string[],
  block: Block,
  ignored: IgnoredChanges | undefined,
): BlockParts {
  if (!ignored) return parts;
  const node = new BlockNode(block.type, labels, parts, parts);
  const { names, all, range } = ignored;
  const isIgnored = (name: string) => all || names.has(name);
  return new BlockNode(
    node.type,
    node.labels,
    () => ({ range: node.range, headerRange: node.headerRange }),
    () => {
      const attributes = new Map<string, AttributeNode>();
      for (const [name, attribute] of node.attributes)
        attributes.set(
          name,
          isIgnored(name)
            ? withAttribute(attribute, { value: new Unknown(`${name} ${REASON}`), trace: [], certainty: "definite" })
            : attribute,
        );
      for (const name of names) {
        if (!attributes.has(name) && !node.blocks.some((child) => child.type === name))
          attributes.set(name, {
            kind: "attribute",
            name,
            range,
            nameRange: range,
            valueRange: range,
            value: new Unknown(`${name} ${REASON}`),
            locate: () => undefined,
          });
      }
      const blocks: BlockNode[] = [];
      const placeholders = new Set<string>();
      for (const child of node.blocks) {
        if (child.type === "lifecycle" || !isIgnored(child.type)) blocks.push(child);
        else if (!placeholders.has(child.type)) {
          placeholders.add(child.type);
          blocks.push(
            new BlockNode(
              "dynamic",
              [child.type],
              { range: child.range, headerRange: child.headerRange },
              { attributes: new Map(), blocks: [] },
            ),
          );
        }
      }
      return { attributes, blocks, unknownContent: all ? `every argument is ${REASON}` : node.unknownContent };
    },
  );
}

/** The top-level argument names `ignore_changes` lists (`site_config[0].x` ignores site_config), or all. */
export function ignoredChanges(block: Block, file: SourceFile): IgnoredChanges | undefined {
  const blocks = bodyToKeep(block).blocks;
  for (let index = 0; index < blocks.length; index++) {
    const lifecycle = blocks[index];
    if (lifecycle.type !== "lifecycle") continue;
    const attribute = attributeNamed(bodyToKeep(lifecycle), "ignore_changes");
    if (!attribute) continue;
    const range = new SourceRange(file, attribute.start, attribute.end);
    const expression = attribute.expression;
    if (rootName(expression) === "all") return { names: new Set(), all: true, range };
    if (expression.kind !== "Tuple") return undefined;
    const names = new Set(expression.items.map(rootName).filter((name): name is string => name !== undefined));
    return names.size ? { names, all: names.has("all"), range } : undefined;
  }
  return undefined;
}

/** `records`, `tags["x"]`, `site_config[0].y` (or "records" in Terraform JSON) → the first name. */
function rootName(expression: Expression): string | undefined {
  let node = expression;
  while (node.kind === "GetAttr" || node.kind === "Index") node = node.object;
  if (node.kind === "Variable") return node.name;
  return literalText(node)?.split(/[.[]/)[0];
}
