import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, BlockNode, ResourceNode } from "../../../src/model/nodes.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import { elbPolicyMinimumTls, tlsBelow } from "../../shared/aws-tls-policies.js";

/** Protocol switches of an SSL negotiation policy that allow less than TLS 1.2. */
const WEAK_PROTOCOLS: Record<string, string> = {
  "Protocol-SSLv3": "SSL 3.0",
  "Protocol-TLSv1": "TLS 1.0",
  "Protocol-TLSv1.1": "TLS 1.1",
};

/**
 * Why a cipher suite (OpenSSL names, as ELB policies list them) is weak, or undefined when nothing in
 * its name says so: RC4, DES and 3DES, NULL encryption, export grade, anonymous key exchange, MD5.
 */
export function cipherSuiteWeakness(name: string): string | undefined {
  const parts = name.toUpperCase().split("-");
  // The gravest weakness first: an export-grade RC4 suite is export grade.
  if (parts.includes("NULL")) return "NULL encryption";
  if (parts.some((part) => part === "EXP" || part === "EXPORT" || part.startsWith("EXP1024"))) return "export grade";
  if (parts[0] === "ADH" || parts[0] === "AECDH") return "anonymous key exchange";
  if (parts.includes("RC4")) return "RC4";
  if (parts.some((part) => part === "CBC3" || part === "3DES" || part === "DES3")) return "3DES";
  if (parts.includes("DES")) return "DES";
  if (parts.includes("MD5")) return "MD5";
  return undefined;
}

/** Classic Load Balancers negotiate what their SSL policy lists; old predefined policies list SSL 3.0 and TLS 1.0. */
export default defineRule({
  meta: {
    id: "IFL-TLS-017",
    name: "classic-elb-negotiates-modern-tls",
    title: "Classic Load Balancer SSL negotiation policies allow only TLS 1.2 or later",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "GDS-HTTPS", "IF-C1-SEC"],
    rationale:
      "A Classic Load Balancer's `aws_load_balancer_policy` (type SSLNegotiationPolicyType) or `aws_lb_ssl_negotiation_policy` decides which protocols its HTTPS/SSL listeners accept. Turning on `Protocol-SSLv3`, `Protocol-TLSv1` or `Protocol-TLSv1.1`, or referencing an old predefined policy (ELBSecurityPolicy-2016-08 and earlier), lets internet clients connect with protocols NCSC guidance retires. Enabling cipher suites with RC4, DES or 3DES, NULL encryption, export-grade keys, anonymous key exchange (ADH, AECDH) or MD5 lets them negotiate encryption that can be broken or that authenticates nobody.",
    remediation:
      'Reference `ELBSecurityPolicy-TLS-1-2-2017-01` (`policy_attribute { name = "Reference-Security-Policy" value = "ELBSecurityPolicy-TLS-1-2-2017-01" }`), and set no weak cipher suite attribute to true; or better, move the service to an Application Load Balancer with a TLS 1.3 policy.',
    links: [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html",
      "https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data",
    ],
    messages: {
      weakProtocol: "{resource} enables {protocol} ({name} = true).",
      legacyPolicy: "{resource} references {policy}, which allows {version}.",
      weakCipher: "{resource} enables the cipher suite {name} ({weakness}), which NCSC guidance retires.",
      weakCiphers: "{resource} enables {count} cipher suites that NCSC guidance retires: {names}.",
    },
    resourceTypes: ["aws_load_balancer_policy", "aws_lb_ssl_negotiation_policy"],
    limitations:
      "Policies not attached to a listener are checked too. Cipher suites are judged by their OpenSSL names (RC4, DES, CBC3, NULL, EXP, ADH, AECDH, MD5); suites that are merely not forward-secret (the plain RSA key exchange of AES128-SHA) are not reported.",
  },
  check(context) {
    context.forEachResource("aws_load_balancer_policy", (policy) => {
      const type = policy.value("policy_type_name");
      if (isUnknown(type)) return context.unknown(policy, "policy type not known");
      if (type !== "SSLNegotiationPolicyType") return;
      judge(context, policy, policy.blocksOfType("policy_attribute"));
    });
    context.forEachResource("aws_lb_ssl_negotiation_policy", (policy) =>
      judge(context, policy, policy.blocksOfType("attribute")),
    );
  },
});

function judge(context: RuleContext, policy: ResourceNode, attributes: readonly BlockNode[]): void {
  if (policy.blocksOfType("dynamic").length) return context.unknown(policy, "policy attributes generated dynamically");
  let failed = false;
  // Weak suites are one finding per policy (an old policy enables dozens), each suite a related location.
  const weakCiphers: { name: string; weakness: string; value: AttributeNode }[] = [];
  for (const attribute of attributes) {
    const name = asString(attribute.value("name"));
    const value: AttributeNode | undefined = attribute.attribute("value");
    if (!name || !value || isUnknown(value.value)) continue;
    const text = String(value.value).toLowerCase();
    const weakness = text === "true" ? cipherSuiteWeakness(name) : undefined;
    if (weakness && !name.startsWith("Protocol-")) {
      failed = true;
      weakCiphers.push({ name, weakness, value });
    } else if (WEAK_PROTOCOLS[name] && text === "true") {
      failed = true;
      context.report({
        node: value,
        messageId: "weakProtocol",
        data: { resource: policy.address, protocol: WEAK_PROTOCOLS[name], name },
        resource: policy,
      });
    } else if (name === "Reference-Security-Policy") {
      const version = elbPolicyMinimumTls(String(value.value));
      if (version && tlsBelow(version, "1.2")) {
        failed = true;
        context.report({
          node: value,
          messageId: "legacyPolicy",
          data: {
            resource: policy.address,
            policy: String(value.value),
            version: version === "SSLv3" ? "SSL 3.0" : `TLS ${version}`,
          },
          resource: policy,
        });
      }
    }
  }
  reportWeakCiphers(context, policy, weakCiphers);
  if (!failed) context.pass(policy);
}

/** Suites named in the message; the rest are counted (all are related locations). */
const MAX_CIPHERS_NAMED = 5;

function reportWeakCiphers(
  context: RuleContext,
  policy: ResourceNode,
  weak: readonly { name: string; weakness: string; value: AttributeNode }[],
): void {
  if (!weak.length) return;
  const [first] = weak;
  if (weak.length === 1)
    return context.report({
      node: first.value,
      messageId: "weakCipher",
      data: { resource: policy.address, name: first.name, weakness: first.weakness },
      resource: policy,
    });
  const named = weak.slice(0, MAX_CIPHERS_NAMED).map((cipher) => `${cipher.name} (${cipher.weakness})`);
  if (weak.length > MAX_CIPHERS_NAMED) named.push(`${weak.length - MAX_CIPHERS_NAMED} more`);
  context.report({
    node: first.value,
    messageId: "weakCiphers",
    data: { resource: policy.address, count: weak.length, names: named.join(", ") },
    resource: policy,
    related: weak.slice(1).map((cipher) => ({ node: cipher.value, message: `${cipher.name} (${cipher.weakness})` })),
  });
}
