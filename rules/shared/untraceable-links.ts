/**
 * Resources that attach something to a target by ARN or id (WAF associations, WAF logging
 * configurations) and whose target cannot be traced to a resource in the scan: a variable, a data
 * source, a literal ARN; and such resources a `removed` block hands to something outside the
 * configuration (`lifecycle { destroy = false }`), which still exist. Such a link might cover a
 * resource, but its reach is bounded (each repository is scanned as its own estate):
 * - in its own root module, the resources it might cover are unknown;
 * - a link in a root without any resource it could cover serves another stack: in the other root
 *   modules of the repository, findings still stand, conditional on that link not covering them;
 * - a link in a root with resources of its own (managed, or handed over by `removed` blocks) serves
 *   that root only;
 * - a link whose value is derived from a resource or data source of a protectable type (the ARN
 *   of `data.aws_lb.portal`) covers only resources of that type.
 * A module iflint does not evaluate (remote, not found) that is given a resource as an argument
 * (`module "shield" { resources = { portal = aws_lb.portal.arn } }`) may make such a link for it:
 * a finding on that resource is conditional on the module not doing so.
 */
import type { Estate } from "../../src/model/estate.js";
import type { ModelNode } from "../../src/model/model-node.js";
import type { NamedBlock, ResourceNode } from "../../src/model/nodes.js";
import type { Report } from "../../src/engine/rule.js";
import { isModuleOutput, referencesOf } from "../../src/model/value.js";
import type { ArnTargets } from "./waf-associable-arns.js";

/** Resources whose outputs stand for whatever they deploy, which the scan does not link to them. */
const OUTPUT_CARRIERS = new Set([
  "aws_cloudformation_stack",
  "aws_cloudformation_stack_set_instance",
  "aws_servicecatalog_provisioned_product",
]);

/** Types a link's target can be read from; load balancers go by two names. */
const PROTECTABLE_TYPES = new Map<string, string>([
  ["aws_lb", "aws_lb"],
  ["aws_alb", "aws_lb"],
  ["aws_api_gateway_stage", "aws_api_gateway_stage"],
  ["aws_appsync_graphql_api", "aws_appsync_graphql_api"],
  ["aws_cognito_user_pool", "aws_cognito_user_pool"],
  ["aws_wafv2_web_acl", "aws_wafv2_web_acl"],
]);

export interface UntraceableLink {
  root: string;
  /** The link's address, and where it is (the resource, or the `removed` block handing it over). */
  address: string;
  node: ModelNode;
  handedOver: boolean;
  /** Protectable types the target was derived from; empty when nothing says. */
  types: Set<string>;
  crossStack: boolean;
}

/** What untraceable links may mean for one resource. */
export interface LinkReach {
  /** A link in the resource's own root module might cover it: it cannot be judged. */
  unknown: boolean;
  /**
   * Links in other root modules of the repository that might cover it (a finding holds only if none
   * does): the first few, as many as a finding names.
   */
  elsewhere: UntraceableLink[];
  /** How many such links there are. */
  total: number;
  /** Module calls not evaluated that are given the resource (see above). */
  modules: readonly NamedBlock[];
}

/** Which untraceable links of `linkTypes` (by `attribute`) might cover a resource of `targetTypes`. */
export function untraceableLinks(
  estate: Estate,
  linkTypes: readonly string[],
  attribute: string,
  targetTypes: readonly string[],
  /** Which links to consider (a bucket policy naming its bucket by a literal name is traced by name). */
  considered: (link: ResourceNode) => boolean = () => true,
  /** What a link names by an ARN written out, when it is one of a known shape (`waf-associable-arns`). */
  written?: (link: ResourceNode) => ArnTargets | undefined,
): (resource: ResourceNode) => LinkReach {
  const untraceable: UntraceableLink[] = [];
  let rootsWithTargets: Set<string> | undefined;
  const crossStack = (root: string) => {
    // A resource a `removed` block hands over is still the root's own: links it hands over with it
    // (a bucket and its policy, a load balancer and its WAF association) go with it, not elsewhere.
    rootsWithTargets ??= new Set([
      ...estate.resourcesOfType(...targetTypes).map((resource) => resource.module.root),
      ...estate.handedOver
        .filter((handed) => targetTypes.includes(handed.resourceType))
        .map((handed) => handed.module.root),
    ]);
    return !rootsWithTargets.has(root);
  };
  for (const link of estate.resourcesOfType(...linkTypes)) {
    if (!considered(link)) continue;
    const target = link.value(attribute);
    const arn = written?.(link);
    if (arn?.kind === "resources") continue;
    // A data source names something by lookup, and a stack's output something the stack makes
    // (a CloudFormation template's web ACL): which resource is not known.
    if (
      !arn &&
      estate
        .referencedResources(target)
        .some((resource) => resource.mode !== "data" && !OUTPUT_CARRIERS.has(resource.resourceType))
    )
      continue;
    // An ARN's shape says what kind of resource it names, whatever else it refers to (its API).
    const types = arn
      ? new Set([PROTECTABLE_TYPES.get(arn.type) ?? arn.type])
      : new Set(
          referencesOf(target).flatMap((reference) => {
            const type = protectableType(reference.address);
            return type ? [type] : [];
          }),
        );
    const root = link.module.root;
    // Aimed at what a module of its own root makes (`module.alb.lb_arn`, a module not evaluated):
    // it serves its own root, whatever resources the root has itself.
    const atOwnModule = referencesOf(target).some((reference) => isModuleOutput(reference.address));
    untraceable.push({
      root,
      address: link.address,
      node: link,
      handedOver: false,
      types,
      crossStack: !atOwnModule && crossStack(root),
    });
  }
  for (const handed of estate.handedOver) {
    if (!linkTypes.includes(handed.resourceType)) continue;
    const root = handed.module.root;
    const address = handed.module.address ? `${handed.module.address}.${handed.address}` : handed.address;
    untraceable.push({
      root,
      address,
      node: handed.block,
      handedOver: true,
      types: new Set(),
      crossStack: crossStack(root),
    });
  }
  // Indexed once per target type, so asking for every resource of a repository of many stacks stays linear.
  const byType = new Map<string, { roots: Set<string>; crossStack: UntraceableLink[]; perRoot: Map<string, number> }>();
  const indexOf = (type: string) => {
    let index = byType.get(type);
    if (!index) {
      const mightCover = untraceable.filter((link) => link.types.size === 0 || link.types.has(type));
      const crossStack = mightCover.filter((link) => link.crossStack);
      index = {
        roots: new Set(mightCover.map((link) => link.root)),
        crossStack,
        perRoot: countByRoot(crossStack, (link) => link.root),
      };
      byType.set(type, index);
    }
    return index;
  };
  return (resource) => {
    const index = indexOf(PROTECTABLE_TYPES.get(resource.resourceType) ?? resource.resourceType);
    const root = resource.module.root;
    const { named, total } = outsideRoot(index.crossStack, index.perRoot, root, (link) => link.root);
    return {
      unknown: index.roots.has(root),
      elsewhere: named,
      total,
      modules: givenToUnevaluatedModules(estate, resource),
    };
  };
}

/** A module call's arguments that give it nothing to act on. */
const MODULE_META_ARGUMENTS = new Set(["source", "version", "providers", "depends_on", "count", "for_each"]);

/** The module calls not evaluated whose arguments refer to the resource (indexed once per estate). */
function givenToUnevaluatedModules(estate: Estate, resource: ResourceNode): readonly NamedBlock[] {
  const index = estate.derived(givenToUnevaluatedModules, () => {
    const given = new Map<ResourceNode, NamedBlock[]>();
    for (const call of estate.unevaluatedModuleCalls)
      call.block.attributes.forEach((attribute, name) => {
        if (MODULE_META_ARGUMENTS.has(name)) return;
        for (const target of estate.referencedResources(attribute.value)) {
          const calls = given.get(target) ?? [];
          if (!calls.includes(call)) calls.push(call);
          given.set(target, calls);
        }
      });
    return given;
  });
  return index.get(resource) ?? NO_CALLS;
}

const NO_CALLS: readonly NamedBlock[] = Object.freeze([]);

/** `module.shield`, or `module.app.module.shield` for a call inside a module. */
function callAddress(call: NamedBlock): string {
  return call.module.address ? `${call.module.address}.module.${call.name}` : `module.${call.name}`;
}

/** How many items each root module holds. */
function countByRoot<T>(items: readonly T[], rootOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(rootOf(item), (counts.get(rootOf(item)) ?? 0) + 1);
  return counts;
}

/** The first few items outside a root module (as many as a finding names), and how many there are. */
function outsideRoot<T>(
  items: readonly T[],
  perRoot: ReadonlyMap<string, number>,
  root: string,
  rootOf: (item: T) => string,
): { named: T[]; total: number } {
  const named: T[] = [];
  for (const item of items) {
    if (named.length === MAX_LINKS_NAMED) break;
    if (rootOf(item) !== root) named.push(item);
  }
  return { named, total: items.length - (perRoot.get(root) ?? 0) };
}

/** Links named in a conditional finding's reason and related locations; the rest are counted. */
const MAX_LINKS_NAMED = 3;

/** A finding's condition when links in other root modules might cover its resource, else undefined. */
export function coveredElsewhere(
  reach: (
    Pick<LinkReach, "elsewhere"> | { elsewhere: Pick<UntraceableLink, "address" | "root" | "node" | "handedOver">[] }
  ) & {
    /** How many links there are, when `elsewhere` holds only the first few. */
    total?: number;
    modules?: readonly NamedBlock[];
  },
  action: { verb: string; participle: string } = { verb: "covers", participle: "covered" },
): Report<string>["conditional"] {
  const modules = (reach.modules ?? NO_CALLS).slice(0, MAX_LINKS_NAMED);
  if (!reach.elsewhere.length && !modules.length) return undefined;
  const conditions: string[] = [];
  const related: NonNullable<Report<string>["conditional"]>["related"] = [];
  if (reach.elsewhere.length) {
    const total = reach.total ?? reach.elsewhere.length;
    const described = (link: Pick<UntraceableLink, "address" | "root" | "handedOver">) =>
      `${link.address} (root module ${link.root})${link.handedOver ? ", handed over by a removed block," : ""}`;
    // A repository of many stacks may hold hundreds of such links: name a few, count the rest.
    const named = reach.elsewhere.slice(0, MAX_LINKS_NAMED).map(described);
    const more = total - named.length;
    if (more > 0) named.push(`${more} other link${more === 1 ? "" : "s"} like them`);
    conditions.push(
      `${named.join(" or ")} ${action.verb} it: ${total === 1 ? "its target is" : "their targets are"} not known`,
    );
    for (const link of reach.elsewhere.slice(0, MAX_LINKS_NAMED))
      related.push({
        node: link.node,
        message: `may be ${action.participle} by ${link.address}, whose target is not known`,
      });
  }
  if (modules.length) {
    const named = modules.map(callAddress);
    conditions.push(
      `${named.join(" or ")} ${action.verb} it: ${named.length === 1 ? "a module that is" : "modules that are"} given it and not evaluated`,
    );
    for (const call of modules)
      related.push({
        node: call.block,
        message: `may be ${action.participle} by ${callAddress(call)}, which is given it and is not evaluated`,
      });
  }
  return { reason: `holds unless ${conditions.join("; or unless ")}`, related };
}

/** Resources elsewhere that might act on a resource, as links for `coveredElsewhere`. */
export function linksOf(
  resources: readonly ResourceNode[],
): Pick<UntraceableLink, "address" | "root" | "node" | "handedOver">[] {
  return resources.map((resource) => ({
    address: resource.address,
    root: resource.module.root,
    node: resource,
    handedOver: false,
  }));
}

/**
 * Resources with a link that cannot be traced (a distribution's origin, a VPC link's target), as
 * they bear on one subject: one in its own root module leaves it unknown; those in other root
 * modules of the repository make a finding on it conditional.
 */
export function reachOf(
  links: readonly ResourceNode[],
  subject: ResourceNode,
  action: { verb: string; participle: string },
): { unknown: boolean; conditional: Report<string>["conditional"] } {
  const root = subject.module.root;
  let perRoot = linksPerRoot.get(links);
  if (!perRoot) linksPerRoot.set(links, (perRoot = countByRoot(links, (link) => link.module.root)));
  const { named, total } = outsideRoot(links, perRoot, root, (link) => link.module.root);
  return {
    unknown: perRoot.has(root),
    // Only the links a finding names are described: a repository may hold hundreds.
    conditional: coveredElsewhere({ elsewhere: linksOf(named), total }, action),
  };
}

/** Links per root module, counted once per list of links (rules ask for every subject of an estate). */
const linksPerRoot = new WeakMap<readonly ResourceNode[], Map<string, number>>();

/** The protectable resource type in an address such as `module.edge.data.aws_lb.portal`. */
function protectableType(address: string): string | undefined {
  for (const part of address.split(".")) {
    const type = PROTECTABLE_TYPES.get(part);
    if (type) return type;
  }
  return undefined;
}
