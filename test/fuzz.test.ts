/**
 * Property-based fuzzing of every reader of untrusted text: HCL, Terraform JSON, plan JSON, zone
 * files, jsondecode and yamldecode. Random bytes, mutations of the fixtures (deletions, insertions,
 * splices of one file into another), and deep nesting: no reader throws, each input finishes, and
 * every diagnostic lies inside the file. The seed is fixed (FUZZ_SEED overrides it); fast-check
 * prints the seed and the failing input's path when a property fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../src/source/source-file.js";
import { parseHcl } from "../src/parsers/hcl/parse.js";
import { parseTerraformJson } from "../src/parsers/terraform-json/parse-terraform-json.js";
import { parseZone } from "../src/parsers/zone/parse-zone.js";
import { addPlanFile } from "../src/load/plan-files.js";
import { Estate } from "../src/model/estate.js";
import { callFunction } from "../src/evaluate/functions/index.js";
import { excessYamlNesting } from "../src/parsers/nesting-guard.js";
import { repoRoot } from "./support/rule-harness.js";

const seed = Number(process.env.FUZZ_SEED ?? 20_261_207);
const numRuns = Number(process.env.FUZZ_RUNS ?? 150);
/** A hang detector, not a benchmark: one input of a few kilobytes must never take this long. */
const MAX_MILLISECONDS_PER_INPUT = 5_000;

const fixture = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const SAMPLES = {
  hcl: fixture("examples/nhs-trust/patient-portal.tf").slice(0, 6_000),
  json: fixture("fixtures/inputs/terraform-json/main.tf.json"),
  plan: fixture("fixtures/inputs/plan-with-source/plan.json").slice(0, 20_000),
  zone: fixture("fixtures/IFL-ADDR-009/fail/example-trust.nhs.uk.zone"),
  yaml: "services:\n  - name: portal\n    hosts: [a.example.nhs.uk, b.example.nhs.uk]\n    ports: {http: 80, https: 443}\n",
};

type Reader = (text: string) => { start: number; end: number }[];

/** Each reader, returning the offsets of its diagnostics. */
const READERS: Record<keyof typeof SAMPLES, Reader> = {
  hcl: (text) => parseHcl(new SourceFile("fuzz.tf", text)).diagnostics,
  json: (text) => parseTerraformJson(new SourceFile("fuzz.tf.json", text)).hcl.diagnostics,
  plan: (text) => {
    const estate = new Estate();
    addPlanFile(estate, new SourceFile("plan.json", text), ".");
    return estate.diagnostics.map((diagnostic) => ({
      start: diagnostic.range.startOffset,
      end: diagnostic.range.endOffset,
    }));
  },
  zone: (text) => parseZone(new SourceFile("example.zone", text), { origin: "example.nhs.uk." }).diagnostics,
  yaml: (text) => {
    callFunction("yamldecode", [text]);
    callFunction("jsondecode", [text]);
    return [];
  },
};

function checkReader(reader: Reader, text: string): void {
  const started = performance.now();
  const diagnostics = reader(text);
  expect(performance.now() - started).toBeLessThan(MAX_MILLISECONDS_PER_INPUT);
  for (const { start, end } of diagnostics) {
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(start).toBeLessThanOrEqual(text.length);
  }
}

/** An edit of a sample: a deletion, an insertion of random text, or a slice of another sample spliced in. */
const mutation = (sample: string) =>
  fc
    .tuple(
      fc.nat({ max: sample.length }),
      fc.nat({ max: 200 }),
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '"',
          "{",
          "}",
          "[",
          "]",
          "${",
          "%{",
          "\\",
          "\n",
          "\u0000",
          "\uFEFF",
          "<<EOF\n",
          "(",
          ";",
          "$INCLUDE x",
        ),
        fc
          .constantFrom(...Object.values(SAMPLES))
          .chain((other) => fc.nat({ max: other.length }).map((at) => other.slice(at, at + 300))),
      ),
    )
    .map(([at, removed, inserted]) => sample.slice(0, at) + inserted + sample.slice(at + removed));

/** Nesting far past any limit, of every bracket the readers know. */
const deepNesting = fc
  .tuple(
    fc.constantFrom(["[", "]"], ["{", "}"], ["(", ")"], ['{"a":', "}"], ["${", "}"], ["- ", ""]),
    fc.integer({ min: 1, max: 20_000 }),
  )
  .map(([[open, close], depth]) => `x = ${open.repeat(depth)}1${close.repeat(depth)}\n`);

describe.each(Object.keys(READERS) as (keyof typeof SAMPLES)[])("fuzz: %s reader", (kind) => {
  const reader = READERS[kind];

  it("never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2_000 }), (text) => checkReader(reader, text)),
      { seed, numRuns },
    );
  });

  it("never throws on mutations of real files", () => {
    fc.assert(
      fc.property(mutation(SAMPLES[kind]), (text) => checkReader(reader, text)),
      { seed, numRuns },
    );
  });

  it("never throws on deep nesting", () => {
    fc.assert(
      fc.property(deepNesting, (text) => {
        checkReader(reader, text);
        checkReader(reader, text.slice(4));
      }),
      { seed, numRuns: 20 },
    );
  });
});

describe("the YAML nesting guard", () => {
  it("finds nesting past the limit in flow and block style, and passes ordinary documents", () => {
    expect(excessYamlNesting(SAMPLES.yaml)).toBeUndefined();
    expect(excessYamlNesting(`${"[".repeat(500)}${"]".repeat(500)}`)).toBe(399);
    expect(excessYamlNesting(`${"- ".repeat(500)}x`)).toBeDefined();
    expect(
      excessYamlNesting(Array.from({ length: 500 }, (_, depth) => `${" ".repeat(depth)}k${depth}:`).join("\n")),
    ).toBeDefined();
    expect(excessYamlNesting('a: "[[[[[[[[[["\nb: # [[[[[[\n')).toBeUndefined();
  });
});
