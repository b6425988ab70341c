import { defineRule, type Report, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, NamedBlock, ResourceNode } from "../../../src/model/nodes.js";
import {
  asBoolean,
  asString,
  isObject,
  isUnknown,
  referencesOf,
  Unknown,
  type Value,
} from "../../../src/model/value.js";
import { cloudfrontOrigins, originVerdict, type CloudfrontOrigins } from "../../shared/aws-cloudfront.js";
import { listOf, policyStatements, principalIsEveryone, type PolicyStatement } from "../../shared/aws-iam-policies.js";
import { bucketIdentity, bucketOf, publicAccessBlocked, sameBucket } from "../../shared/aws-s3-buckets.js";
import { coveredElsewhere, untraceableLinks } from "../../shared/untraceable-links.js";

type MessageId = "noPolicy" | "noDeny" | "inverted" | "partial" | "moduleFlag";

const POLICY_TYPE = "aws_s3_bucket_policy";
const PUBLIC_ACLS = new Set(["public-read", "public-read-write"]);
/** The community module that writes the deny for you when asked (not its submodules, `//modules/object`, which create no bucket). */
const COMMUNITY_MODULE = /(^|\/)terraform-aws-modules\/(terraform-aws-)?s3-bucket(\/aws)?(\.git)?(\?[^/]*)?$/;

/** S3 answers plain HTTP unless the bucket policy denies requests made without TLS. */
export default defineRule<MessageId>({
  meta: {
    id: "IFL-TLS-025",
    name: "s3-bucket-requires-tls",
    title: "S3 bucket policies deny requests made without TLS",
    severity: "warning",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "S3 serves every bucket over both HTTP and HTTPS. Only a bucket policy statement that denies `s3:*` to everyone when `aws:SecureTransport` is `false` makes S3 refuse plain HTTP; without it, a client or an SDK misconfigured to use `http://` sends and receives objects in clear text. The NHS cloud data guidance makes TLS the default for data in transit, which matters more once the bucket is reached over the internet rather than a private circuit. A bucket that is public or is a CloudFront origin is reported as a warning, any other as a note.",
    remediation:
      'Add a statement to the bucket policy: `{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [bucket ARN, "${bucket ARN}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }` (or a `data "aws_iam_policy_document"` statement with `condition { test = "Bool" variable = "aws:SecureTransport" values = ["false"] }`). With the terraform-aws-modules/s3-bucket module, set `attach_deny_insecure_transport_policy = true`.',
    links: [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
      "https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule",
      "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5",
    ],
    messages: {
      noPolicy:
        "Bucket {resource} has no bucket policy denying requests without TLS, so S3 answers it over plain HTTP{exposure}.",
      noDeny:
        "The policy of bucket {resource} has no Deny for aws:SecureTransport = false, so S3 answers it over plain HTTP{exposure}.",
      inverted:
        "The policy of bucket {resource} tests aws:SecureTransport the wrong way ({effect} when it is {value}), so requests without TLS are not denied{exposure}.",
      partial:
        "The policy of bucket {resource} denies requests without TLS only for {scope}, so other requests are answered over plain HTTP{exposure}.",
      moduleFlag:
        "Module {resource} ({source}) does not set attach_deny_insecure_transport_policy = true, so its bucket answers plain HTTP{exposure}.",
    },
    resourceTypes: ["aws_s3_bucket", POLICY_TYPE],
    limitations:
      "A policy from outside the scan (a variable, a remote module's output, a file read at apply time) makes the bucket unknown. A bucket policy resource whose bucket cannot be traced makes the buckets of its root module unknown. A Deny narrowed by a condition other than aws:SecureTransport (a VPC endpoint, an IP range) is still counted as a deny. Buckets created by a remote module other than terraform-aws-modules/s3-bucket are not seen. A terraform-aws-modules/s3-bucket call passes with `attach_deny_insecure_transport_policy = true` or with the deny in a policy of its own: its `policy` input (with `attach_policy`), or an `aws_s3_bucket_policy` whose `bucket` is the call's `s3_bucket_id` or `s3_bucket_arn` output, judged as a bucket's policy is; a policy that cannot be read leaves it unknown. An organisation-wide SCP or resource control policy that denies plain HTTP is not visible in the bucket's code.",
  },
  check(context) {
    const estate = context.estate;
    const policies = estate.resourcesOfType(POLICY_TYPE);
    const communityModules = estate.moduleCalls.filter((call) =>
      COMMUNITY_MODULE.test(asString(call.block.value("source")) ?? ""),
    );
    // A policy resource naming its bucket by a variable or a data source might be any bucket's; one
    // naming a community module's bucket output is that bucket's.
    const untracedPolicies = untraceableLinks(
      estate,
      [POLICY_TYPE],
      "bucket",
      ["aws_s3_bucket"],
      (policy) =>
        typeof policy.value("bucket") !== "string" &&
        !communityModules.some((call) => namesModuleBucket(policy.value("bucket"), call)),
    );
    let origins: CloudfrontOrigins | undefined;
    const exposure = (bucket: ResourceNode, statements: readonly PolicyStatement[]): string => {
      origins ??= cloudfrontOrigins(estate);
      const names = bucketOf(bucket).names;
      const origin = originVerdict(origins, [bucket], (domain) =>
        names.some((name) => domain.startsWith(`${name.toLowerCase()}.s3`)),
      );
      if (origin === "origin") return "; it is a CloudFront origin";
      if (isPublic(context, bucket, statements)) return "; it is public";
      return "";
    };

    context.forEachResource("aws_s3_bucket", (bucket) => {
      const identity = bucketOf(bucket);
      const written: AttributeNode[] = [];
      const inline = bucket.attribute("policy");
      if (inline && inline.value !== null) written.push(inline);
      for (const policy of policies) {
        const target = bucketIdentity(estate, policy.value("bucket"));
        const attribute = policy.attribute("policy");
        if (target && sameBucket(target, identity) && attribute) written.push(attribute);
      }
      const statements: PolicyStatement[] = [];
      let unknown: string | undefined;
      for (const attribute of written) {
        const read = policyStatements(estate, attribute);
        if (read instanceof Unknown) unknown = read.reason;
        else statements.push(...read);
      }
      const verdict = judge(statements);
      if (verdict.kind === "denied") return context.pass(bucket);
      if (unknown !== undefined) return context.unknown(bucket, `bucket policy not known: ${unknown}`);
      const reach = untracedPolicies(bucket);
      if (reach.unknown) return context.unknown(bucket, "a bucket policy's bucket cannot be traced");
      const suffix = exposure(bucket, statements);
      const report: Omit<Report<MessageId>, "messageId" | "node"> = {
        resource: bucket,
        severity: suffix ? "warning" : "note",
        conditional: coveredElsewhere(reach),
      };
      const data = { resource: bucket.address, exposure: suffix };
      if (!written.length) return context.report({ ...report, node: bucket, messageId: "noPolicy", data });
      if (verdict.kind === "partial")
        return context.report({
          ...report,
          ...at(verdict.statement),
          messageId: "partial",
          data: { ...data, scope: verdict.scope },
        });
      if (verdict.kind === "inverted")
        return context.report({
          ...report,
          ...at(verdict.statement),
          messageId: "inverted",
          data: { ...data, effect: verdict.effect, value: verdict.value },
        });
      context.report({ ...report, node: written[0], messageId: "noDeny", data });
    });

    for (const call of communityModules) {
      try {
        checkCommunityModule(context, call, policies);
      } catch (error) {
        context.unknown(call.block, error instanceof Error ? error.message : String(error));
      }
    }
  },
});

function at(statement: PolicyStatement): Pick<Report<MessageId>, "node" | "path"> {
  return "path" in statement.at ? { node: statement.at.node, path: statement.at.path } : { node: statement.at.node };
}

type Verdict =
  | { kind: "denied" }
  | { kind: "partial"; statement: PolicyStatement; scope: string }
  | { kind: "inverted"; statement: PolicyStatement; effect: string; value: string }
  | { kind: "none" };

/** Whether some statement denies every S3 request made without TLS, and if not, the nearest miss. */
function judge(statements: readonly PolicyStatement[]): Verdict {
  let nearest: Verdict = { kind: "none" };
  for (const statement of statements) {
    const test = secureTransportTest(statement.condition);
    // A Deny of everything to everyone with no condition refuses plain HTTP with everything else
    // (a principal that is not known to be everyone is some role's deny, not this).
    if (
      statement.condition === undefined &&
      asString(statement.effect)?.toLowerCase() === "deny" &&
      principalIsEveryone(statement.principal) === true &&
      uncovered(statement) === undefined
    )
      return { kind: "denied" };
    if (!test) continue;
    const effect = asString(statement.effect)?.toLowerCase();
    if (isUnknown(statement.effect)) return { kind: "denied" };
    if (effect !== "deny" || test.value !== "false") {
      if (nearest.kind === "none")
        nearest = { kind: "inverted", statement, effect: effect === "deny" ? "Deny" : "Allow", value: test.value };
      continue;
    }
    const scope = uncovered(statement);
    if (!scope) return { kind: "denied" };
    if (nearest.kind !== "partial") nearest = { kind: "partial", statement, scope };
  }
  return nearest;
}

/** The aws:SecureTransport test of a condition block: the value it compares with ("false", "true", or "unknown"). */
function secureTransportTest(condition: Value | undefined): { value: string } | undefined {
  if (!isObject(condition)) return undefined;
  for (const [operator, tests] of Object.entries(condition)) {
    if (!/^bool(ifexists)?$/i.test(operator) || !isObject(tests)) continue;
    for (const [key, values] of Object.entries(tests)) {
      if (key.toLowerCase() !== "aws:securetransport") continue;
      const items = listOf(values);
      if (items.some(isUnknown)) return { value: "false" };
      const texts = items.map((item) => asString(item)?.toLowerCase());
      return { value: texts.includes("false") ? "false" : (texts[0] ?? "unset") };
    }
  }
  return undefined;
}

/** What a TLS deny leaves out (some principals, some actions, the objects), or undefined when it covers all. */
function uncovered(statement: PolicyStatement): string | undefined {
  if (principalIsEveryone(statement.principal) === false) return "some principals";
  const actions = listOf(statement.actions);
  const allActions = actions.some((action) => isUnknown(action) || action === "*" || action === "s3:*");
  if (!allActions) return `the actions ${actions.map((action) => asString(action)).join(", ")}`;
  const resources = listOf(statement.resources);
  const coversObjects = resources.some(
    (resource) => isUnknown(resource) || typeof resource !== "string" || resource === "*" || resource.endsWith("/*"),
  );
  if (!coversObjects) return "the bucket itself, not its objects";
  return undefined;
}

/** A bucket anyone on the internet can read: a public ACL, website hosting or an Allow to everyone, with nothing blocking public access. */
function isPublic(
  context: RuleContext<MessageId>,
  bucket: ResourceNode,
  statements: readonly PolicyStatement[],
): boolean {
  const estate = context.estate;
  if (publicAccessBlocked(estate, bucketOf(bucket), bucket.module.root) !== "open") return false;
  const identity = bucketOf(bucket);
  const forBucket = (type: string) =>
    estate.resourcesOfType(type).filter((resource) => {
      const target = bucketIdentity(estate, resource.value("bucket"));
      return target !== undefined && sameBucket(target, identity);
    });
  const acls = [bucket.value("acl"), ...forBucket("aws_s3_bucket_acl").map((acl) => acl.value("acl"))];
  if (acls.some((acl) => PUBLIC_ACLS.has(asString(acl) ?? ""))) return true;
  if (bucket.blocksOfType("website").length || forBucket("aws_s3_bucket_website_configuration").length) return true;
  return statements.some(
    (statement) =>
      asString(statement.effect)?.toLowerCase() === "allow" && principalIsEveryone(statement.principal) === true,
  );
}

/**
 * terraform-aws-modules/s3-bucket writes the TLS deny with attach_deny_insecure_transport_policy =
 * true, or holds it in the `policy` passed with attach_policy; or the bucket gets its policy from an
 * `aws_s3_bucket_policy` of the caller naming one of the module's bucket outputs.
 */
function checkCommunityModule(
  context: RuleContext<MessageId>,
  call: NamedBlock,
  policies: readonly ResourceNode[],
): void {
  const source = asString(call.block.value("source")) as string;
  if (asBoolean(call.block.value("create_bucket")) === false) return;
  const flag = call.block.attribute("attach_deny_insecure_transport_policy");
  if (flag && isUnknown(flag.value))
    return context.unknown(call.block, "attach_deny_insecure_transport_policy not known");
  if (flag && asBoolean(flag.value) === true) return context.pass(call.block);
  const written: AttributeNode[] = [];
  const policy = call.block.attribute("policy");
  if (policy && asBoolean(call.block.value("attach_policy")) !== false && policy.value !== null) written.push(policy);
  for (const separate of policies) {
    const attribute = separate.attribute("policy");
    if (attribute && namesModuleBucket(separate.value("bucket"), call)) written.push(attribute);
  }
  const statements: PolicyStatement[] = [];
  for (const attribute of written) {
    const read = policyStatements(context.estate, attribute);
    if (read instanceof Unknown) return context.unknown(call.block, `policy not known: ${read.reason}`);
    statements.push(...read);
  }
  const verdict = judge(statements);
  if (verdict.kind === "denied") return context.pass(call.block);
  const website = call.block.attribute("website");
  const exposure = website && isObject(website.value) && Object.keys(website.value).length ? "; it is public" : "";
  const severity = exposure ? "warning" : "note";
  const resource = moduleAddress(call);
  // A policy of its own (passed in, or a separate resource) is where the deny belongs: judged as a bucket's.
  if (verdict.kind === "partial")
    return context.report({
      ...at(verdict.statement),
      messageId: "partial",
      data: { resource, exposure, scope: verdict.scope },
      severity,
    });
  if (verdict.kind === "inverted")
    return context.report({
      ...at(verdict.statement),
      messageId: "inverted",
      data: { resource, exposure, effect: verdict.effect, value: verdict.value },
      severity,
    });
  const separate = written.find((attribute) => attribute !== policy);
  if (separate) return context.report({ node: separate, messageId: "noDeny", data: { resource, exposure }, severity });
  context.report({ node: flag ?? call.block, messageId: "moduleFlag", data: { resource, source, exposure }, severity });
}

/** The outputs of terraform-aws-modules/s3-bucket that name its bucket, as an `aws_s3_bucket_policy` takes it. */
const BUCKET_OUTPUTS = new Set(["s3_bucket_id", "s3_bucket_arn"]);

/** True when a `bucket` argument is one of the module call's bucket outputs (`module.snapshots.s3_bucket_id`). */
function namesModuleBucket(value: Value | undefined, call: NamedBlock): boolean {
  const address = moduleAddress(call);
  return referencesOf(value).some(
    (reference) =>
      reference.module === call.module && reference.address === address && BUCKET_OUTPUTS.has(reference.path[0]),
  );
}

function moduleAddress(call: NamedBlock): string {
  return `${call.module.address ? `${call.module.address}.` : ""}module.${call.name}`;
}
