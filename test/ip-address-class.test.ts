import { describe, expect, it } from "vitest";
import { classifyAddressOrCidr, isNonPublic } from "../rules/shared/ip-address-class.js";

describe("address classification", () => {
  it.each([
    ["10.20.30.40", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["100.128.0.1", "public"],
    ["169.254.169.254", "link-local"],
    ["127.0.0.1", "loopback"],
    ["8.8.8.8", "public"],
    ["fd12:3456::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["::1", "loopback"],
    ["2001:4860:4860::8888", "public"],
    ["::ffff:10.0.0.1", "ipv4-mapped-private"],
    ["::ffff:8.8.8.8", "public"],
    ["10.0.0.0/8", "private"],
    ["10.0.0.0/7", "public"],
    ["172.16.0.0/12", "private"],
    ["0.0.0.0/0", "any"],
    ["::/0", "any"],
    ["fc00::/7", "unique-local"],
    ["100.64.0.0/10", "shared"],
    ["192.168.0.0/16", "private"],
  ])("%s is %s", (text, kind) => {
    expect(classifyAddressOrCidr(text)?.kind).toBe(kind);
  });

  it.each([
    "010.0.0.1",
    "999.1.1.1",
    "10.0.0",
    "1.2.3.4.5",
    "10.0.0.0/33",
    "not-an-ip",
    "",
    "10.0.0.0/abc",
    "0x0a.0.0.1",
  ])("%s is not an address", (text) => {
    expect(classifyAddressOrCidr(text)).toBeUndefined();
  });

  it("labels what it finds", () => {
    expect(isNonPublic("100.64.10.1")?.label).toBe("RFC 6598 shared address space (100.64.0.0/10)");
    expect(isNonPublic("8.8.8.8")).toBeUndefined();
  });
});
