/** DNSSEC fields as BIND reads them: algorithm and digest type mnemonics, and digest lengths. */

/** Algorithm mnemonics BIND accepts in place of the number (RFC 4034 Appendix A.1 and later). */
const ALGORITHMS: Record<string, number> = {
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  NSEC3DSA: 6,
  NSEC3RSASHA1: 7,
  RSASHA256: 8,
  RSASHA512: 10,
  ECCGOST: 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
  INDIRECT: 252,
  PRIVATEDNS: 253,
  PRIVATEOID: 254,
};

/** Digest type mnemonics BIND accepts in place of the number. */
const DIGEST_TYPES: Record<string, number> = {
  "SHA-1": 1,
  SHA1: 1,
  "SHA-256": 2,
  SHA256: 2,
  GOST: 3,
  "SHA-384": 4,
  SHA384: 4,
};

/** The number a mnemonic (any case) stands for in an algorithm or digest type field; undefined for a number or anything else. */
export function dnssecMnemonic(field: "algorithm" | "digest", text: string): number | undefined {
  return (field === "algorithm" ? ALGORITHMS : DIGEST_TYPES)[text.toUpperCase()];
}

/** Digest types whose length BIND knows, and refuses a digest of any other length for; GOST's it does not check. */
const DIGESTS: Record<string, { name: string; bytes: number }> = {
  "1": { name: "SHA-1", bytes: 20 },
  "2": { name: "SHA-256", bytes: 32 },
  "4": { name: "SHA-384", bytes: 48 },
};

export function knownDigest(digestType: string): { name: string; bytes: number } | undefined {
  return DIGESTS[digestType];
}
