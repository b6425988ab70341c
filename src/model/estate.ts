/**
 * The estate: everything a scan read, in one read-only picture with indexes rules use instead of
 * walking the whole model.
 */
import type { Comment, SourceFile, SourceRange } from "../source/source-file.js";
import type { BlockNode, NamedBlock, ResourceNode, TraceStep } from "./nodes.js";
import { Unknown, type Existence, type ModuleInstance, type Reference, type Value } from "./value.js";
import type { DnsZone } from "./dns.js";
import type { DiagnosticKind } from "../source/read-source.js";

export interface ParseDiagnostic {
  range: SourceRange;
  summary: string;
  detail: string;
  /**
   * Inputs the scan goes on without, so warnings rather than parse errors: a local module whose
   * directory holds no Terraform files, a file encrypted at rest in the repository, a file outside
   * the scan or not a regular file, which is not read; and what BIND loads with a warning
   * (out-of-zone data, an MX or SRV target in the zone without an address).
   */
  kind?:
    | DiagnosticKind
    | "include-not-read"
    | "zone-limit"
    | "zone-integrity"
    | "zone-origin-unknown"
    | "zone-template"
    | "special-file"
    | "out-of-zone-data"
    | "octodns-zone-not-found"
    | "foreach-not-expanded";
  /** The root module whose evaluation found it, for a diagnostic made once per module instance (module-not-found). */
  root?: string;
}

/**
 * A resource a `removed` block with `lifecycle { destroy = false }` hands to something outside the
 * configuration: it still exists, though nothing here declares it any more.
 */
export interface HandedOverResource {
  resourceType: string;
  /** The address in `from`, as written: `aws_wafv2_web_acl_association.portal`. */
  address: string;
  module: ModuleInstance;
  /** The `removed` block. */
  block: BlockNode;
}

/**
 * A resource that no instance of is created because its `count`/`for_each` (or its module call's)
 * comes to none on a root variable's default: tfvars or a pipeline may create it. Kept out of
 * `resources` (nothing judges it), so that a finding a link of it would change is known to rest
 * on that default.
 */
export interface SwitchedOffResource {
  /** The resource as its one instance would be (`count.index` 0, `each` unknown). */
  resource: ResourceNode;
  /**
   * The `count`/`for_each` (or CloudFormation `Condition`) that makes none, the trace of its value,
   * and why, as a clause: "this count comes to 0 on a variable default".
   */
  switch: { range: SourceRange; trace: readonly TraceStep[]; reason: string };
}

/** A resource with no instance whose switch is read only when a rule asks about its type. */
export interface PendingSwitchedOff {
  resourceType: string;
  root: string;
  resolve: () => SwitchedOffResource | undefined;
}

/** A file the scan read, with what suppressions need from it. */
export interface ScannedFile {
  file: SourceFile;
  comments: readonly Comment[];
  /** The prefix that starts a line comment in this file's language (for suppressions). */
  commentPrefixes: readonly string[];
  /**
   * Ignores written as data rather than comments (CloudFormation `Metadata: { iflint: { ignore } }`):
   * `text` is the directive (`iflint-ignore IFL-TLS-001 reason="..."`), `lines` what it covers.
   */
  declaredIgnores?: readonly (Comment & { lines: [number, number] })[];
}

/**
 * What a Terraform root module's values can be made of: the files of every module evaluated under
 * it, and the strings that set its variables from outside them (tfvars, `--var`, `TF_VAR_`,
 * Terragrunt inputs, the workspace, the directories `path.*` names), and the files it reads.
 */
export interface RootTexts {
  files: readonly SourceFile[];
  strings: readonly string[];
  /**
   * The texts of the files its functions (`file`, `templatefile`, ...) and `local_file` data sources
   * read, found by evaluating only their paths; undefined when a path is not known that way (or a
   * read file may read others).
   */
  filesRead(): readonly string[] | undefined;
}

export class Estate {
  readonly files: ScannedFile[] = [];
  readonly resources: ResourceNode[] = [];
  readonly dataSources: ResourceNode[] = [];
  readonly moduleCalls: NamedBlock[] = [];
  /**
   * Module calls whose module was not evaluated (remote, not found, outside the scan, its source
   * not known): what they create is not seen, but their arguments say what they are given.
   */
  readonly unevaluatedModuleCalls: NamedBlock[] = [];
  /**
   * The outputs of root modules, what other systems and pipelines read. Variables, locals and the
   * outputs of called modules are not listed: no rule reads them from the estate, and a large one
   * declares hundreds of thousands (corpus-real: 179k variables, 71k outputs, 31k locals).
   */
  readonly rootOutputs: NamedBlock[] = [];
  readonly providers: NamedBlock[] = [];
  readonly zones: DnsZone[] = [];
  readonly handedOver: HandedOverResource[] = [];
  readonly switchedOff: SwitchedOffResource[] = [];
  /**
   * Resources whose count/for_each comes to none, not yet asked whether a default is why: found
   * only for the types a rule reads when it first asks (`switchedOffOfType`). Finding every one as
   * the estate was evaluated was 3% of a terraform-aws-modules scan, for the few link types rules read.
   */
  readonly switchedOffPending: PendingSwitchedOff[] = [];
  readonly diagnostics: ParseDiagnostic[] = [];
  /** Expressions Terraform would reject (a bad cidrsubnet, a missing key): their values are unknown. Shown with --verbose. */
  readonly notes: { range: SourceRange; message: string }[] = [];
  /**
   * Calls of remote modules (`file:offset` of each module block), never downloaded, so not
   * evaluated; each with the root modules that make it.
   */
  readonly remoteModuleCalls = new Map<string, Set<string>>();
  /** CDKTF constructs instantiated from packages (construct libraries in node_modules): never read. */
  readonly packageConstructs = new Set<string>();
  /**
   * The file each text `file()` returned was read from, and the template each `templatefile()`
   * rendering came from (a rendering with unknown parts by its Unknown), so what rules find in such
   * a text can point at where it was written.
   */
  readonly textSources = new Map<string | Unknown, { file: SourceFile; rendered: boolean }>();
  /** Texts of the Terraform roots the loader evaluated, by root (see RootTexts); absent for other inputs. */
  readonly rootTexts = new Map<string, RootTexts>();
  private byType: Map<string, ResourceNode[]> | undefined;
  private byAddress: Map<string, Map<string, ResourceNode[]>> | undefined;
  private readonly byReferrer: {
    attribute: string;
    types: readonly string[];
    index: Map<ResourceNode, ResourceNode[]>;
  }[] = [];
  private referencedOf = new WeakMap<object, readonly ResourceNode[]>();
  private byIdentifier: Map<string, ResourceNode[]> | undefined;
  private readonly modules = new Map<string, ModuleInstance>();
  private readonly derivedValues = new Map<object, unknown>();

  /** Managed resources of the given types, in scan order. */
  resourcesOfType(...types: string[]): ResourceNode[] {
    const index = this.typeIndex();
    if (types.length === 1) return index.get(types[0]) ?? [];
    const found: ResourceNode[] = [];
    for (const type of types) {
      const list = index.get(type);
      if (list) for (const resource of list) found.push(resource);
    }
    return found;
  }

  /** The one instance object for a module (so instances compare by identity). */
  module(root: string, address = "", directory = root, call?: SourceRange, existence?: Existence): ModuleInstance {
    const key = `${root}\u0000${address}`;
    let instance = this.modules.get(key);
    if (!instance) {
      instance = { root, address, directory, call, ...(existence ? { existence } : {}) };
      this.modules.set(key, instance);
    }
    return instance;
  }

  /** Records a call of a remote module (see remoteModuleCalls) made in a root module. */
  addRemoteModuleCall(site: string, root: string): void {
    const roots = this.remoteModuleCalls.get(site);
    if (roots) roots.add(root);
    else this.remoteModuleCalls.set(site, new Set([root]));
  }

  /** Every module instance, roots included. */
  moduleInstances(): IterableIterator<ModuleInstance> {
    return this.modules.values();
  }

  /** Resources (all instances) at a base address such as `aws_lb.portal`, in one root module. */
  resourcesAt(root: string, baseAddress: string): ResourceNode[] {
    if (!this.byAddress) {
      // By root, then address: no key string is built per lookup.
      this.byAddress = new Map();
      for (const resources of [this.resources, this.dataSources]) {
        for (const resource of resources) {
          let inRoot = this.byAddress.get(resource.module.root);
          if (!inRoot) this.byAddress.set(resource.module.root, (inRoot = new Map()));
          const address = resource.baseAddressKey();
          const list = inRoot.get(address);
          if (list) list.push(resource);
          else inRoot.set(address, [resource]);
        }
      }
    }
    return this.byAddress.get(root)?.get(baseAddress) ?? NONE;
  }

  /** Resources a value refers to (`aws_lb.portal.arn` → the aws_lb.portal instances). */
  referencedResources(value: Value | undefined): readonly ResourceNode[] {
    if (typeof value === "string") return this.identifiedBy(value);
    if (value === null || typeof value !== "object") return NONE;
    // Kept per value: rules ask about the same values many times (a listener's load_balancer_arn).
    let found = this.referencedOf.get(value);
    if (!found) {
      const lists: (readonly ResourceNode[])[] = [];
      this.forEachFollowed(value, 0, (_reference, targets) => lists.push(targets));
      // One reference (the usual case) names distinct resources already.
      found = lists.length <= 1 ? (lists[0] ?? NONE) : [...new Set(lists.flat())];
      this.referencedOf.set(value, found);
    }
    return found;
  }

  /** True when the value refers to this resource (`aws_lb.portal.arn` refers to aws_lb.portal). */
  refersTo(value: Value | undefined, resource: ResourceNode): boolean {
    return this.followedReferences(value).some(
      (reference) =>
        reference.module.root === resource.module.root &&
        reference.address === resource.baseAddress &&
        sameInstance(reference, resource),
    );
  }

  /**
   * The references a value carries, each followed through an attribute the managed resources it
   * names set themselves: `aws_route53_key_signing_key.k[0].hosted_zone_id` stands for what that
   * key's `hosted_zone_id` refers to (the zone), as the evaluator already makes of the unindexed
   * `aws_route53_key_signing_key.k.hosted_zone_id` of a resource without count or for_each.
   */
  followedReferences(value: Value | undefined): Reference[] {
    const found: Reference[] = [];
    this.forEachFollowed(value, 0, (reference) => found.push(reference));
    return found;
  }

  /**
   * Each reference a value carries, followed as `followedReferences` says, with the resources it
   * names, in the value's order; the value is walked in place, not copied into a list of references.
   */
  private forEachFollowed(
    value: Value | undefined,
    depth: number,
    visit: (reference: Reference, targets: readonly ResourceNode[]) => void,
  ): void {
    if (typeof value === "string") {
      for (const target of this.identifiedBy(value)) visit(referenceTo(target), [target]);
      return;
    }
    if (value === null || typeof value !== "object") return;
    if (value instanceof Unknown) {
      for (const reference of value.references) {
        const targets = this.targetsOf(reference);
        if (this.followsThrough(reference, targets, depth)) {
          const attribute = reference.path[0] as string;
          for (const target of targets) {
            let followed = false;
            this.forEachFollowed(target.value(attribute), depth + 1, (found, foundTargets) => {
              followed = true;
              visit(found, foundTargets);
            });
            // An attribute that refers to nothing (`aws_s3_bucket.logs.bucket`, the bucket's own
            // name) stands for the resource that has it.
            if (!followed) visit(reference, [target]);
          }
        } else visit(reference, targets);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) this.forEachFollowed(item, depth, visit);
    } else {
      for (const item of Object.values(value)) this.forEachFollowed(item, depth, visit);
    }
  }

  /**
   * The resources a known value names (`arn:aws:elasticloadbalancing:…` in a plan after the first
   * apply): their `identifiers`, indexed once. Most scans have none.
   */
  private identifiedBy(value: string): readonly ResourceNode[] {
    if (!this.byIdentifier) {
      this.byIdentifier = new Map();
      for (const resources of [this.resources, this.dataSources])
        for (const resource of resources)
          for (const identifier of resource.identifiers) {
            const list = this.byIdentifier.get(identifier);
            if (list) list.push(resource);
            else this.byIdentifier.set(identifier, [resource]);
          }
    }
    return this.byIdentifier.size ? (this.byIdentifier.get(value) ?? NONE) : NONE;
  }

  /** True when a reference stands for what the one attribute it reads refers to, in every resource it names. */
  private followsThrough(reference: Reference, targets: readonly ResourceNode[], depth: number): boolean {
    if (depth >= MAX_FOLLOWED_REFERENCES || reference.path.length !== 1 || !targets.length) return false;
    const attribute = reference.path[0];
    if (typeof attribute !== "string") return false;
    for (const target of targets) if (target.mode === "data" || !target.attributes.has(attribute)) return false;
    return true;
  }

  /** The resources a reference names: all instances at its address, or the one its key picks. */
  private targetsOf(reference: Reference): readonly ResourceNode[] {
    const resources = this.resourcesAt(reference.module.root, reference.address);
    // Without a key every instance is meant: the index's own list, not a copy.
    if (reference.key === undefined) return resources;
    return resources.filter((resource) => sameInstance(reference, resource));
  }

  /**
   * Managed resources of the types whose `attribute` refers to `target` (the listeners whose
   * `load_balancer_arn` names a load balancer), in scan order. The reverse index is built once per
   * types and attribute, so rules asking for every target stay linear.
   */
  referrers(target: ResourceNode, attribute: string, ...types: string[]): ResourceNode[] {
    // A handful of (attribute, types) pairs are asked for, each many times: found without building a key.
    let index: Map<ResourceNode, ResourceNode[]> | undefined;
    for (const entry of this.byReferrer)
      if (entry.attribute === attribute && sameTypes(entry.types, types)) index = entry.index;
    if (!index) {
      index = new Map();
      for (const resource of this.resourcesOfType(...types)) {
        for (const referenced of this.referencedResources(resource.value(attribute))) {
          const list = index.get(referenced) ?? [];
          list.push(resource);
          index.set(referenced, list);
        }
      }
      this.byReferrer.push({ attribute, types, index });
    }
    return index.get(target) ?? [];
  }

  /** The resources of a type switched off by a default (see `switchedOffPending`), found on the first ask. */
  switchedOffOfType(resourceType: string): SwitchedOffResource[] {
    const pending = this.switchedOffPending;
    for (let index = 0; index < pending.length;) {
      if (pending[index].resourceType !== resourceType) {
        index++;
        continue;
      }
      const found = pending[index].resolve();
      pending.splice(index, 1);
      if (found) this.switchedOff.push(found);
    }
    return this.switchedOff.filter((entry) => entry.resource.resourceType === resourceType);
  }

  /**
   * A value worked out from the estate once and shared by the rules that ask (every CloudFront
   * origin), kept under `key` (the function that computes it) until indexes are invalidated.
   * Callers only read it.
   */
  derived<T>(key: object, compute: () => T): T {
    if (this.derivedValues.has(key)) return this.derivedValues.get(key) as T;
    const value = compute();
    this.derivedValues.set(key, value);
    return value;
  }

  /** Call after adding resources, so indexes are rebuilt. */
  invalidateIndexes(): void {
    this.referencedOf = new WeakMap();
    this.byIdentifier = undefined;
    this.byType = undefined;
    this.byAddress = undefined;
    this.byReferrer.length = 0;
    this.derivedValues.clear();
  }

  private typeIndex(): Map<string, ResourceNode[]> {
    if (!this.byType) {
      this.byType = new Map();
      for (const resource of this.resources) {
        const list = this.byType.get(resource.resourceType);
        if (list) list.push(resource);
        else this.byType.set(resource.resourceType, [resource]);
      }
    }
    return this.byType;
  }
}

/** What resourcesAt answers for an address without resources (callers only read it). */
const NONE: ResourceNode[] = [];

/** How many attributes a reference is followed through (a chain longer than this is a cycle). */
const MAX_FOLLOWED_REFERENCES = 8;

/** True when two lists name the same types in the same order. */
function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let position = 0; position < a.length; position++) if (a[position] !== b[position]) return false;
  return true;
}

/** A reference to one resource instance, as a value naming it stands for. */
function referenceTo(resource: ResourceNode): Reference {
  return {
    module: resource.module,
    address: resource.baseAddress,
    path: [],
    ...(resource.instanceKey === undefined ? {} : { key: resource.instanceKey }),
  };
}

/** A reference without a key, or to a resource without one (unknown count), may mean any instance. */
function sameInstance(reference: Reference, resource: ResourceNode): boolean {
  return (
    reference.key === undefined ||
    resource.instanceKey === undefined ||
    String(reference.key) === String(resource.instanceKey)
  );
}
