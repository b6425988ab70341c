/** TLS versions allowed by AWS's predefined security policies, for the TLS rules. */

export type TlsVersion = "SSLv3" | "1.0" | "1.1" | "1.2" | "1.3";

const ORDER: TlsVersion[] = ["SSLv3", "1.0", "1.1", "1.2", "1.3"];

export function tlsBelow(version: TlsVersion, minimum: TlsVersion): boolean {
  return ORDER.indexOf(version) < ORDER.indexOf(minimum);
}

/** AWS's default for an HTTPS/TLS listener without `ssl_policy`. */
export const ELB_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08";

const ELB_LEGACY: Record<string, TlsVersion> = {
  "ELBSecurityPolicy-2016-08": "1.0",
  "ELBSecurityPolicy-2015-05": "1.0",
  "ELBSecurityPolicy-FS-2018-06": "1.0",
  "ELBSecurityPolicy-TLS-1-0-2015-04": "1.0",
  "ELBSecurityPolicy-TLS-1-1-2017-01": "1.1",
  "ELBSecurityPolicy-TLS-1-2-2017-01": "1.2",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06": "1.2",
  // Classic Load Balancer predefined policies (`Reference-Security-Policy`).
  "ELBSecurityPolicy-2015-03": "1.0",
  "ELBSecurityPolicy-2015-02": "1.0",
  "ELBSecurityPolicy-2014-10": "1.0",
  "ELBSecurityPolicy-2014-01": "SSLv3",
  "ELBSecurityPolicy-2011-08": "SSLv3",
};

/**
 * Minimum TLS version of an ALB/NLB security policy. Named policies encode it
 * (`ELBSecurityPolicy-TLS13-1-2-2021-06`, `-FS-1-1-2019-08`, the FIPS and PQ variants); anything
 * else is not known, and rules do not guess.
 */
export function elbPolicyMinimumTls(policy: string): TlsVersion | undefined {
  if (ELB_LEGACY[policy]) return ELB_LEGACY[policy];
  const match = /^ELBSecurityPolicy-(?:TLS13|TLS|FS)-1-([0-3])-/.exec(policy);
  if (!match) return undefined;
  return `1.${match[1]}` as TlsVersion;
}

/** CloudFront viewer policies (`minimum_protocol_version`) and the TLS they allow. */
const CLOUDFRONT_MINIMUM: Record<string, TlsVersion> = {
  SSLv3: "SSLv3",
  TLSv1: "1.0",
  TLSv1_2016: "1.0",
  "TLSv1.1_2016": "1.1",
  "TLSv1.2_2018": "1.2",
  "TLSv1.2_2019": "1.2",
  "TLSv1.2_2021": "1.2",
  "TLSv1.2_2025": "1.2",
  "TLSv1.3_2025": "1.3",
};

/** CloudFront policies older than TLSv1.2_2019 allow weak ciphers or TLS below 1.2. */
export const CLOUDFRONT_WEAK_POLICIES = new Set(["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018"]);

export function cloudfrontMinimumTls(policy: string): TlsVersion | undefined {
  return CLOUDFRONT_MINIMUM[policy];
}

/**
 * API Gateway security policies (custom domains; REST APIs) and the lowest TLS version each
 * accepts, as AWS lists them (API Gateway developer guide, "Supported security policies"; the
 * CreateDomainName `securityPolicy` values). The legacy TLS_1_0 and TLS_1_2, and the enhanced
 * policies: `SecurityPolicy_TLS13_1_3_*` and `_TLS13_2025_EDGE` accept TLS 1.3 only, the others
 * TLS 1.2 and 1.3.
 */
const API_GATEWAY_MINIMUM: Record<string, TlsVersion> = {
  TLS_1_0: "1.0",
  TLS_1_2: "1.2",
  SecurityPolicy_TLS13_1_3_2025_09: "1.3",
  SecurityPolicy_TLS13_1_3_FIPS_2025_09: "1.3",
  SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09: "1.2",
  SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09: "1.2",
  SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09: "1.2",
  SecurityPolicy_TLS13_1_2_PQ_2025_09: "1.2",
  SecurityPolicy_TLS13_1_2_2021_06: "1.2",
  SecurityPolicy_TLS13_2025_EDGE: "1.3",
  SecurityPolicy_TLS12_PFS_2025_EDGE: "1.2",
  SecurityPolicy_TLS12_2018_EDGE: "1.2",
};

/** The lowest TLS version an API Gateway security policy accepts; undefined for a name AWS does not list (rules do not guess). */
export function apiGatewayPolicyMinimumTls(policy: string): TlsVersion | undefined {
  return Object.hasOwn(API_GATEWAY_MINIMUM, policy) ? API_GATEWAY_MINIMUM[policy] : undefined;
}
