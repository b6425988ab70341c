/** The attribute maps of built blocks behave as the Map they replace. */
import { describe, expect, it } from "vitest";
import { readonlyMapOf } from "../src/evaluate/small-map.js";

function asMap(keys: string[], values: number[]): Map<string, number> {
  const map = new Map<string, number>();
  keys.forEach((key, index) => map.set(key, values[index]));
  return map;
}

describe("readonlyMapOf", () => {
  it.each([
    [[], []],
    [["a"], [1]],
    [
      ["a", "b", "c"],
      [1, 2, 3],
    ],
    [
      ["a", "b", "a"],
      [1, 2, 3],
    ], // a later entry replaces the earlier one in its place
    [
      ["k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k1"],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    ],
  ])("%j holds what Map.set would", (keys, values) => {
    const map = readonlyMapOf(keys, values);
    const expected = asMap(keys, values);
    expect(map.size).toBe(expected.size);
    expect([...map]).toEqual([...expected]);
    expect([...map.entries()]).toEqual([...expected.entries()]);
    expect([...map.keys()]).toEqual([...expected.keys()]);
    expect([...map.values()]).toEqual([...expected.values()]);
    for (const key of [...keys, "absent"]) {
      expect(map.get(key)).toBe(expected.get(key));
      expect(map.has(key)).toBe(expected.has(key));
    }
    const visited: [string, number][] = [];
    map.forEach((value, key) => visited.push([key, value]));
    expect(visited).toEqual([...expected]);
  });
});
