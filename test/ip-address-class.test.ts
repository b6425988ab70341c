import { describe, expect, it } from "vitest";
import { classifyAddressOrCidr, isNonPublic, privateAddressesInText } from "../rules/shared/ip-address-class.js";
import { isPrivateAddressOrPrefix } from "../src/load/private-addresses.js";

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

  it.each([
    ["198.18.0.1", "not-routed", "RFC 2544 benchmarking (198.18.0.0/15)"],
    ["198.19.255.255", "not-routed", "RFC 2544 benchmarking (198.18.0.0/15)"],
    ["198.18.0.0/15", "not-routed", "RFC 2544 benchmarking (198.18.0.0/15)"],
    ["198.20.0.1", "public", "public"],
    ["240.0.0.1", "not-routed", "reserved (240.0.0.0/4)"],
    ["255.255.255.255", "not-routed", "reserved (240.0.0.0/4)"],
    ["240.0.0.0/4", "not-routed", "reserved (240.0.0.0/4)"],
    // Both ends are not routed, but in different ranges with public space between.
    ["198.18.0.0/1", "public", "a range that includes public addresses"],
    ["192.0.0.8", "not-routed", "IETF protocol assignments (192.0.0.0/24)"],
    ["192.0.0.9", "public", "public"],
    ["192.88.99.1", "other", "6to4 relay anycast (192.88.99.0/24)"],
    ["2001:2::1", "not-routed", "RFC 5180 benchmarking (2001:2::/48)"],
    ["::ffff:198.18.0.1", "ipv4-mapped-private", "IPv4-mapped RFC 2544 benchmarking (198.18.0.0/15)"],
    ["192.0.2.1", "documentation", "RFC 5737 documentation (192.0.2.0/24)"],
    ["198.51.100.7", "documentation", "RFC 5737 documentation (198.51.100.0/24)"],
    ["203.0.113.0/24", "documentation", "RFC 5737 documentation (203.0.113.0/24)"],
    ["2001:db8::1", "documentation", "RFC 3849 documentation (2001:db8::/32)"],
    ["3fff::1", "documentation", "RFC 9637 documentation (3fff::/20)"],
  ])("%s is %s: %s", (text, kind, label) => {
    expect(classifyAddressOrCidr(text)).toEqual({ kind, label });
  });

  it("holds ranges the internet does not route non-public, and documentation ranges public, wherever asked", () => {
    for (const text of ["198.18.0.1", "240.0.0.1", "192.0.0.8", "2001:2::1"]) {
      expect(isNonPublic(text)?.kind, text).toBe("not-routed");
      expect(isPrivateAddressOrPrefix(text), text).toBe(true);
    }
    expect(isPrivateAddressOrPrefix("198.18/15")).toBe(true);
    for (const text of ["192.0.2.1", "198.51.100.0/24", "203.0.113.9", "2001:db8::1"]) {
      expect(isNonPublic(text), text).toBeUndefined();
      expect(isPrivateAddressOrPrefix(text), text).toBe(false);
    }
    // In free text an address in 240.0.0.0/4 is as likely a netmask: only private networks' addresses count.
    expect(privateAddressesInText("mask 255.255.255.0 via 198.18.0.1 to 10.1.2.3")).toEqual([
      { address: "10.1.2.3", label: "RFC 1918 private" },
    ]);
  });

  it("labels what it finds", () => {
    expect(isNonPublic("100.64.10.1")?.label).toBe("RFC 6598 shared address space (100.64.0.0/10)");
    expect(isNonPublic("8.8.8.8")).toBeUndefined();
  });
});
