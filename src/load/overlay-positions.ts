/**
 * One resource seen in two forms: values from one (a plan's `after`, CDKTF's synthesized JSON),
 * positions from the other (the `.tf` or `.ts` the user wrote). Attributes and nested blocks are
 * matched by name and by order within a type; what the written form lacks is placed at the
 * nearest enclosing block it has.
 */
import { BlockNode, withAttribute, type AttributeNode, type BlockContent } from "../model/nodes.js";

export function contentAt(values: BlockNode, positions: BlockNode): BlockContent {
  const attributes = new Map<string, AttributeNode>();
  for (const [name, attribute] of values.attributes) {
    const written = positions.attributes.get(name);
    const fallback = positions.headerRange;
    attributes.set(
      name,
      withAttribute(attribute, {
        range: written?.range ?? fallback,
        nameRange: written?.nameRange ?? fallback,
        valueRange: written?.valueRange ?? fallback,
        locate: (path) => written?.locate(path) ?? (written ? written.valueRange : fallback),
      }),
    );
  }
  const seen = new Map<string, number>();
  const blocks = values.blocks.map((block) => {
    const index = seen.get(block.type) ?? 0;
    seen.set(block.type, index + 1);
    const written = positions.blocksOfType(block.type)[index];
    const ranges = written
      ? { range: written.range, headerRange: written.headerRange }
      : { range: positions.headerRange, headerRange: positions.headerRange };
    return new BlockNode(block.type, block.labels, ranges, () =>
      written
        ? contentAt(block, written)
        : contentAt(block, new BlockNode(block.type, block.labels, ranges, { attributes: new Map(), blocks: [] })),
    );
  });
  return { attributes, blocks };
}
