import { describe, expect, it } from "vitest";
import { baselineMbps } from "../rules/shared/ec2-bandwidth.js";

describe("EC2 baseline bandwidth table", () => {
  it.each([
    ["t3.nano", 32],
    ["t3.micro", 64],
    ["t3.medium", 256],
    ["t4g.2xlarge", 2048],
    ["m5.large", 750],
    ["m5.24xlarge", 25000],
    ["c5.12xlarge", 12000],
    ["m6g.medium", 500],
    ["m6i.xlarge", 1562],
    ["R6I.4XLARGE", 6250],
  ])("%s has a %d Mbit/s baseline", (type, mbps) => expect(baselineMbps(type)).toBe(mbps));

  it.each(["m5.medium", "c5.8xlarge", "x2idn.16xlarge", "m5", "", "t3.huge"])("%s is not known", (type) =>
    expect(baselineMbps(type)).toBeUndefined(),
  );
});
