/** What CloudFront distributions in the scan front: the origins they fetch from and the policies they apply. */
import type { Estate } from "../../src/model/estate.js";
import type { BlockNode, ResourceNode } from "../../src/model/nodes.js";
import { isUnknown, referencesOf, type Value } from "../../src/model/value.js";
import type { Report } from "../../src/engine/rule.js";
import { reachOf } from "./untraceable-links.js";

export const CLOUDFRONT_DISTRIBUTION = "aws_cloudfront_distribution";

export interface CloudfrontOrigins {
  /** Resources some origin's `domain_name` is derived from (`aws_lb.portal.dns_name` → aws_lb.portal). */
  resources: Set<ResourceNode>;
  /** Origin domain names written out in full. */
  domains: string[];
  /** Some origin cannot be traced (a variable, a data source, a remote module, an unexpanded dynamic block). */
  untraceable: boolean;
  /** The distributions with such an origin. */
  untraceableDistributions: ResourceNode[];
}

/** Every origin of every distribution in the scan (worked out once per estate: several rules ask). */
export function cloudfrontOrigins(estate: Estate): CloudfrontOrigins {
  return estate.derived(cloudfrontOrigins, () => allOrigins(estate));
}

function allOrigins(estate: Estate): CloudfrontOrigins {
  const all: CloudfrontOrigins = {
    resources: new Set(),
    domains: [],
    untraceable: false,
    untraceableDistributions: [],
  };
  for (const distribution of estate.resourcesOfType(CLOUDFRONT_DISTRIBUTION)) {
    // This distribution's origins, added to the shared sets; `untraceable` is its own.
    const origins: CloudfrontOrigins = { ...all, untraceable: false };
    if (distribution.blocksOfType("dynamic").some((block) => block.labels[0] === "origin")) origins.untraceable = true;
    for (const origin of distribution.blocksOfType("origin")) {
      // A VPC origin reaches a private load balancer or instance by ARN, through aws_cloudfront_vpc_origin.
      const vpcOrigin = origin.firstBlock("vpc_origin_config");
      if (vpcOrigin) {
        for (const resource of traced(estate, vpcOrigin.value("vpc_origin_id"), origins)) {
          if (resource.resourceType !== "aws_cloudfront_vpc_origin") continue;
          for (const endpoint of resource.blocksOfType("vpc_origin_endpoint_config"))
            traced(estate, endpoint.value("arn"), origins);
        }
        continue;
      }
      const domain = origin.value("domain_name");
      if (typeof domain === "string") origins.domains.push(domain.toLowerCase());
      else traced(estate, domain, origins);
    }
    if (origins.untraceable) {
      all.untraceable = true;
      all.untraceableDistributions.push(distribution);
    }
  }
  return all;
}

/** Adds the resources a value refers to; marks the origins untraceable when it refers to nothing in the scan. */
function traced(estate: Estate, value: Value | undefined, origins: CloudfrontOrigins): readonly ResourceNode[] {
  const resources = estate.referencedResources(value);
  for (const resource of resources) origins.resources.add(resource);
  if (!resources.length && (isUnknown(value) || referencesOf(value).length > 0)) origins.untraceable = true;
  return resources;
}

/**
 * Whether some distribution fetches from one of the resources (or a domain the predicate accepts):
 * "origin", "not-origin", or "unknown" when an untraceable origin might be it: any distribution's,
 * or, given the subject, only a distribution's in the subject's root module (one in another root
 * makes a finding conditional: `frontedElsewhere`).
 */
export function originVerdict(
  origins: CloudfrontOrigins,
  resources: readonly ResourceNode[],
  matchesDomain: (domain: string) => boolean = () => false,
  subject?: ResourceNode,
): "origin" | "not-origin" | "unknown" {
  if (resources.some((resource) => origins.resources.has(resource)) || origins.domains.some(matchesDomain))
    return "origin";
  const mightBe = subject
    ? origins.untraceableDistributions.some((distribution) => distribution.module.root === subject.module.root)
    : origins.untraceable;
  return mightBe ? "unknown" : "not-origin";
}

/** A finding's condition when distributions in other root modules have origins that cannot be traced. */
export function frontedElsewhere(origins: CloudfrontOrigins, subject: ResourceNode): Report<string>["conditional"] {
  return reachOf(origins.untraceableDistributions, subject, FRONTS).conditional;
}

const FRONTS = { verb: "fronts", participle: "fronted" };

/** The distributions in the scan with an origin whose domain name comes from the resource (`aws_lb.web.dns_name`). */
export function distributionsFetchingFrom(estate: Estate, resource: ResourceNode): ResourceNode[] {
  let index = fetchersByEstate.get(estate);
  if (!index) {
    index = new Map();
    for (const distribution of estate.resourcesOfType(CLOUDFRONT_DISTRIBUTION)) {
      for (const origin of distribution.blocksOfType("origin")) {
        for (const target of estate.referencedResources(origin.value("domain_name")))
          index.set(target, (index.get(target) ?? new Set()).add(distribution));
      }
    }
    fetchersByEstate.set(estate, index);
  }
  return [...(index.get(resource) ?? [])];
}

/** Distributions by the resources their origins fetch from, built once per estate. */
const fetchersByEstate = new WeakMap<Estate, Map<ResourceNode, Set<ResourceNode>>>();

/** One year, the HSTS max-age GOV.UK asks for. */
export const HSTS_ONE_YEAR = 31536000;

/**
 * AWS managed response headers policies, by id and by name, with the HSTS max-age they send
 * (0 when they send none), as AWS documents them.
 */
export const MANAGED_RESPONSE_HEADERS_POLICIES: readonly { id: string; name: string; hstsMaxAge: number }[] = [
  { id: "67f7725c-6f97-4210-82d7-5512b31e9d03", name: "Managed-SecurityHeadersPolicy", hstsMaxAge: HSTS_ONE_YEAR },
  {
    id: "e61eb60c-9c35-4d20-a928-2b84e02af89c",
    name: "Managed-CORS-and-SecurityHeadersPolicy",
    hstsMaxAge: HSTS_ONE_YEAR,
  },
  {
    id: "eaab4381-ed33-4a86-88ca-d9558dc6cd63",
    name: "Managed-CORS-with-preflight-and-SecurityHeadersPolicy",
    hstsMaxAge: HSTS_ONE_YEAR,
  },
  { id: "60669652-455b-4ae9-85a4-c4c02393f86c", name: "Managed-SimpleCORS", hstsMaxAge: 0 },
  { id: "5cc3b908-e619-4b99-88e5-2cf7f45965bd", name: "Managed-CORS-With-Preflight", hstsMaxAge: 0 },
];

/**
 * Whether a cache behaviour may run code (a CloudFront function or Lambda@Edge) at one of the
 * events: code can redirect, rewrite or add headers, which the configuration does not show.
 */
export function runsCodeAt(behaviour: BlockNode, events: readonly string[]): boolean {
  const types = ["function_association", "lambda_function_association"];
  if (behaviour.blocksOfType("dynamic").some((dynamic) => types.includes(dynamic.labels[0] ?? ""))) return true;
  return types
    .flatMap((type) => behaviour.blocksOfType(type))
    .some((association) => {
      const event = association.value("event_type");
      return isUnknown(event) || (typeof event === "string" && events.includes(event));
    });
}
