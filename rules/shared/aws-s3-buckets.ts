/** Which S3 bucket a resource's `bucket` argument names, and whether the public can read it. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { asBoolean, isUnknown, referencesOf, type Value } from "../../src/model/value.js";

export interface BucketIdentity {
  /** aws_s3_bucket resources the argument refers to. */
  resources: ResourceNode[];
  /** Bucket names known from the code: the literal argument, or the `bucket` of the resources. */
  names: string[];
}

/** The bucket a `bucket` argument names, or undefined when neither a resource nor a name can be traced. */
export function bucketIdentity(estate: Estate, value: Value | undefined): BucketIdentity | undefined {
  const resources = estate.referencedResources(value).filter((resource) => resource.resourceType === "aws_s3_bucket");
  const names = [
    ...(typeof value === "string" ? [value] : []),
    ...resources.map((resource) => resource.value("bucket")).filter((name): name is string => typeof name === "string"),
  ];
  if (!resources.length && !names.length) return undefined;
  return { resources, names };
}

/** The identity of an aws_s3_bucket resource itself. */
export function bucketOf(bucket: ResourceNode): BucketIdentity {
  const name = bucket.value("bucket");
  return { resources: [bucket], names: typeof name === "string" ? [name] : [] };
}

export function sameBucket(a: BucketIdentity, b: BucketIdentity): boolean {
  return (
    a.resources.some((resource) => b.resources.includes(resource)) || a.names.some((name) => b.names.includes(name))
  );
}

/**
 * Whether anonymous users are kept out of the bucket whatever its policy and ACLs say: a public
 * access block (of the bucket, or of the account in the same root module) with both
 * `restrict_public_buckets` and `ignore_public_acls`. "unknown" when a block's settings or bucket
 * cannot be traced.
 */
export function publicAccessBlocked(
  estate: Estate,
  bucket: BucketIdentity,
  root: string,
): "blocked" | "open" | "unknown" {
  let unknown = false;
  const judge = (block: ResourceNode): boolean => {
    const settings = [block.value("restrict_public_buckets"), block.value("ignore_public_acls")];
    if (settings.some(isUnknown)) unknown = true;
    return settings.every((setting) => asBoolean(setting) === true);
  };
  for (const block of estate.resourcesOfType("aws_s3_account_public_access_block")) {
    if (block.module.root === root && judge(block)) return "blocked";
  }
  for (const block of estate.resourcesOfType("aws_s3_bucket_public_access_block")) {
    const target = bucketIdentity(estate, block.value("bucket"));
    if (!target) {
      if (isUnknown(block.value("bucket")) || referencesOf(block.value("bucket")).length) unknown = true;
      continue;
    }
    if (sameBucket(target, bucket) && judge(block)) return "blocked";
  }
  return unknown ? "unknown" : "open";
}
