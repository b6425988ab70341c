/**
 * Baseline network bandwidth of common EC2 instance types, in Mbit/s, from AWS's published network
 * specifications (Amazon EC2 Instance Types Guide, "Network specifications"). Baseline, not the
 * "up to" burst figure: burst credits run out under sustained load, which is what sizing is for.
 * Types not listed are unknown to the rules, never guessed.
 */
const SIZES = [
  "medium",
  "large",
  "xlarge",
  "2xlarge",
  "4xlarge",
  "8xlarge",
  "12xlarge",
  "16xlarge",
  "24xlarge",
] as const;

/** Per family, baseline Mbit/s by size (in SIZES order; 0 where the size does not exist or is not listed). */
const FAMILIES: Record<string, readonly number[]> = {
  // Burstable: nano 32, micro 64, small 128 (below).
  t3: [256, 512, 1024, 2048],
  t3a: [256, 512, 1024, 2048],
  t4g: [256, 512, 1024, 2048],
  // Fifth generation (Intel / AMD): 12xlarge 12 Gbit/s, 16xlarge 20, 24xlarge 25.
  m5: [0, 750, 1250, 2500, 5000, 10000, 12000, 20000, 25000],
  c5: [0, 750, 1250, 2500, 5000, 0, 12000, 0, 25000],
  r5: [0, 750, 1250, 2500, 5000, 10000, 12000, 20000, 25000],
  // Graviton2.
  m6g: [500, 750, 1250, 2500, 5000, 12000, 20000, 25000],
  c6g: [500, 750, 1250, 2500, 5000, 12000, 20000, 25000],
  r6g: [500, 750, 1250, 2500, 5000, 12000, 20000, 25000],
  // Sixth and seventh generation Intel.
  m6i: [0, 781, 1562, 3125, 6250, 12500, 18750, 25000, 37500],
  c6i: [0, 781, 1562, 3125, 6250, 12500, 18750, 25000, 37500],
  r6i: [0, 781, 1562, 3125, 6250, 12500, 18750, 25000, 37500],
  m7i: [0, 781, 1562, 3125, 6250, 12500, 18750, 25000, 37500],
  c7i: [0, 781, 1562, 3125, 6250, 12500, 18750, 25000, 37500],
  r7i: [0, 781, 1562, 3125, 6250, 12500, 18750, 25000, 37500],
};

const BURSTABLE_SMALL: Record<string, number> = { nano: 32, micro: 64, small: 128 };

/** Baseline Mbit/s of an instance type (`m5.large`), or undefined when not in the table. */
export function baselineMbps(instanceType: string): number | undefined {
  const [family, size] = instanceType.toLowerCase().split(".");
  const figures = FAMILIES[family];
  if (!figures || !size) return undefined;
  if (family.startsWith("t") && size in BURSTABLE_SMALL) return BURSTABLE_SMALL[size];
  const index = SIZES.indexOf(size as (typeof SIZES)[number]);
  const value = index < 0 ? undefined : figures[index];
  return value ? value : undefined;
}
