/** Terraform's functions: results, errors and unknown propagation, table-driven. */
import { describe, expect, it } from "vitest";
import { callFunction } from "../src/evaluate/functions/index.js";
import { EvaluationError } from "../src/evaluate/functions/errors.js";
import { Unknown, isUnknown, type Value } from "../src/model/value.js";
import { originOf } from "../src/evaluate/value-origins.js";
import { globExpression, globMatcher } from "../src/evaluate/functions/fileset.js";
import { parseCsv } from "../src/evaluate/functions/csv.js";
import { SourceFile } from "../src/source/source-file.js";

const unknown = new Unknown("var.x", [
  { module: { root: "", address: "", directory: "" }, address: "aws_lb.portal", path: ["arn"] },
]);

describe("function results match Terraform", () => {
  it.each<[string, Value[], Value]>([
    ["cidrsubnet", ["10.0.0.0/16", 8, 2], "10.0.2.0/24"],
    ["cidrsubnet", ["172.16.0.0/12", 4, 15], "172.31.0.0/16"],
    ["cidrsubnet", ["fd00:fd12:3456:7890::/56", 16, 162], "fd00:fd12:3456:7800:a200::/72"],
    ["cidrsubnets", ["10.1.0.0/16", 4, 4, 8, 4], ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]],
    ["cidrhost", ["10.12.112.0/20", 16], "10.12.112.16"],
    ["cidrhost", ["10.12.112.0/20", 268], "10.12.113.12"],
    ["cidrhost", ["10.0.0.0/24", -1], "10.0.0.255"],
    ["cidrnetmask", ["172.16.0.0/12"], "255.240.0.0"],
    ["concat", [["a"], ["b", "c"]], ["a", "b", "c"]],
    [
      "yamldecode",
      ["records:\n  - name: bastion\n    ip: 10.20.1.12\n    ttl: 300\n    proxied: false\n    note: ~\n"],
      { records: [{ name: "bastion", ip: "10.20.1.12", ttl: 300, proxied: false, note: null }] },
    ],
    ["yamldecode", ["when: 2024-01-01\n"], { when: "2024-01-01" }],
    ["index", [["a", "b", "c"], "b"], 1],
    ["sort", [["e", "d", "a", "x"]], ["a", "d", "e", "x"]],
    ["chunklist", [["a", "b", "c"], 2], [["a", "b"], ["c"]]],
    ["chomp", ["hello\n\n"], "hello"],
    ["strrev", ["hello"], "olleh"],
    ["indent", [2, "a\nb"], "a\n  b"],
    ["sensitive", ["10.0.0.1"], "10.0.0.1"],
    ["nonsensitive", ["x"], "x"],
    ["signum", [-3], -1],
    ["merge", [{ a: 1, b: 2 }, { b: 3 }, null], { a: 1, b: 3 }],
    ["lookup", [{ a: "x" }, "b", "fallback"], "fallback"],
    ["element", [["a", "b", "c"], 4], "b"],
    ["flatten", [[["a", ["b"]], [], ["c"]]], ["a", "b", "c"]],
    ["distinct", [["a", "b", "a", "c"]], ["a", "b", "c"]],
    ["coalesce", [null, "", "x"], "x"],
    ["coalescelist", [[], ["a"]], ["a"]],
    ["compact", [["a", "", null, "b"]], ["a", "b"]],
    ["contains", [["a", "b"], "b"], true],
    ["format", ["%s-%03d? %.2f %t %q %%", "web", 7, 3.14159, true, "x"], 'web-007? 3.14 true "x" %'],
    ["formatlist", ["%s=%s", ["a", "b"], "v"], ["a=v", "b=v"]],
    ["join", [", ", ["a", "b"]], "a, b"],
    ["split", [",", "a,b,,c"], ["a", "b", "", "c"]],
    ["lower", ["HSCN"], "hscn"],
    ["upper", ["tls"], "TLS"],
    ["trimspace", ["  x \n"], "x"],
    ["trimprefix", ["https://x", "https://"], "x"],
    ["trimsuffix", ["x.tf", ".tf"], "x"],
    ["replace", ["a-b-c", "-", "_"], "a_b_c"],
    ["replace", ["10.0.1.5", "/\\.\\d+$/", ".0"], "10.0.1.0"],
    ["regex", ["^(\\d+)\\.(\\d+)", "10.20.30.40"], ["10", "20"]],
    ["regex", ["(?P<major>\\d+)\\.(?P<minor>\\d+)", "1.2"], { major: "1", minor: "2" }],
    ["startswith", ["10.0.0.0/8", "10."], true],
    ["endswith", ["a.internal", ".internal"], true],
    ["substr", ["hello world", 1, 4], "ello"],
    ["substr", ["hello", -3, -1], "llo"],
    ["tolist", [["a"]], ["a"]],
    ["toset", [["b", "a", "b"]], ["a", "b"]],
    ["tomap", [{ a: 1 }], { a: 1 }],
    ["tostring", [5], "5"],
    ["tonumber", ["42"], 42],
    ["tobool", ["true"], true],
    ["length", [["a", "b"]], 2],
    ["length", ["👩‍👩‍👧"], 5],
    ["keys", [{ b: 1, a: 2 }], ["a", "b"]],
    ["values", [{ b: 1, a: 2 }], [2, 1]],
    [
      "zipmap",
      [
        ["a", "b"],
        [1, 2],
      ],
      { a: 1, b: 2 },
    ],
    ["range", [3], [0, 1, 2]],
    ["range", [1, 10, 4], [1, 5, 9]],
    ["range", [5, 1], [5, 4, 3, 2]],
    ["slice", [["a", "b", "c", "d"], 1, 3], ["b", "c"]],
    ["jsonencode", [{ b: "<x>", a: [1, true, null] }], '{"a":[1,true,null],"b":"\\u003cx\\u003e"}'],
    ["jsondecode", ['{"a": [1, "x"]}'], { a: [1, "x"] }],
    ["max", [1, 9, 3], 9],
    ["min", [4, 2], 2],
    ["abs", [-5], 5],
    ["setunion", [["b"], ["a", "b"]], ["a", "b"]],
    ["one", [["x"]], "x"],
    ["one", [[]], null],
    ["alltrue", [[true, "true"]], true],
    ["anytrue", [[false, false]], false],
    ["sum", [[1, 2, 3.5]], 6.5],
    ["try", [new EvaluationError("no such key"), "fallback"], "fallback"],
    // An error inside a list or object fails the whole argument, as Terraform's evaluation does.
    ["try", [[new EvaluationError("no such key")], []], []],
    ["try", [{ a: { b: new EvaluationError("no such key") } }, null], null],
    ["can", [new EvaluationError("bad")], false],
    ["can", [[1, new EvaluationError("bad")]], false],
    ["can", ["fine"], true],
    [
      "setproduct",
      [
        ["a", "b"],
        ["x", "y"],
      ],
      [
        ["a", "x"],
        ["a", "y"],
        ["b", "x"],
        ["b", "y"],
      ],
    ],
    ["setproduct", [["a"], [], ["x"]], []],
    ["setproduct", [["a", "b"]], [["a"], ["b"]]],
    ["matchkeys", [["i-1", "i-2", "i-3"], ["eu-west-2a", "eu-west-2b", "eu-west-2a"], ["eu-west-2a"]], ["i-1", "i-3"]],
    ["transpose", [{ b: ["2", "3"], a: ["1", "2"] }], { "1": ["a"], "2": ["a", "b"], "3": ["b"] }],
    [
      "csvdecode",
      ['name,ip,note\r\nweb,10.0.0.5,""\n\napi,"10.0.0.6","a ""quoted"", multi\r\nline"\n'],
      [
        { name: "web", ip: "10.0.0.5", note: "" },
        { name: "api", ip: "10.0.0.6", note: 'a "quoted", multi\nline' },
      ],
    ],
    ["csvdecode", ["name,ip"], []],
    ["dirname", ["foo/bar/baz.txt"], "foo/bar"],
    ["dirname", ["foo/"], "foo"],
    ["dirname", ["foo"], "."],
    ["dirname", ["/"], "/"],
    ["dirname", [""], "."],
    ["basename", ["foo/bar/baz.txt"], "baz.txt"],
    ["basename", ["foo/bar/"], "bar"],
    ["basename", ["/"], "/"],
    ["basename", [""], "."],
    ["urlencode", ["Hello World!"], "Hello+World%21"],
    ["urlencode", ["a/b?c=d&e~f_g.h-i(j)*k'l"], "a%2Fb%3Fc%3Dd%26e~f_g.h-i%28j%29%2Ak%27l"],
    ["urlencode", ["é"], "%C3%A9"],
    ["lower", ["HTTPS"], "https"],
  ])("%s(%j) = %j", (name, args, expected) => {
    expect(callFunction(name, args)).toEqual(expected);
  });
});

describe("CIDR functions read a range parsed once", () => {
  it("give each call its own answer, however often the same range is cut", () => {
    const answers = () => [
      callFunction("cidrsubnet", ["10.0.0.0/16", 8, 2]),
      callFunction("cidrsubnets", ["10.0.0.0/16", 8, 8]),
      callFunction("cidrhost", ["10.0.0.0/16", 5]),
      callFunction("cidrnetmask", ["10.0.0.0/16"]),
      callFunction("cidrsubnet", ["10.0.7.9/16", 8, 3]),
      callFunction("cidrsubnet", ["10.0.0.0/33", 1, 0]) instanceof EvaluationError,
    ];
    const expected = ["10.0.2.0/24", ["10.0.0.0/24", "10.0.1.0/24"], "10.0.0.5", "255.255.0.0", "10.0.3.0/24", true];
    expect(answers()).toEqual(expected);
    expect(answers()).toEqual(expected);
  });
});

describe("function errors are unknown with a reason", () => {
  it.each<[string, Value[]]>([
    ["cidrsubnet", ["10.0.0.0/30", 4, 0]],
    ["cidrsubnet", ["10.0.0.0/16", 8, 256]],
    ["cidrsubnet", ["010.0.0.0/16", 8, 1]],
    ["cidrhost", ["10.0.0.0/30", 8]],
    ["cidrnetmask", ["fd00::/8"]],
    ["element", [[], 0]],
    ["element", [["a"], -1]],
    ["lookup", [{ a: 1 }, "b"]],
    ["coalesce", [null, ""]],
    ["one", [["a", "b"]]],
    ["range", [0, 10_000_000]],
    ["zipmap", [["a"], [1, 2]]],
    ["regex", ["^x", "y"]],
    ["tonumber", ["abc"]],
    ["jsondecode", ["{"]],
    ["file", ["/etc/passwd"]],
    ["yamldecode", ["a: 1\n---\nb: 2\n"]],
    ["yamldecode", ["a: [1\n"]],
    ["index", [["a"], "b"]],
    ["templatefile", ["/etc/hosts", {}]],
    ["setproduct", []],
    ["setproduct", [["a"], "b"]],
    [
      "setproduct",
      [Array.from({ length: 2000 }, (_, index) => index), Array.from({ length: 2000 }, (_, index) => index)],
    ],
    ["matchkeys", [["a", "b"], ["x"], ["x"]]],
    ["transpose", [{ a: [1] }]],
    ["csvdecode", [""]],
    ["csvdecode", ["a,b\n1\n"]],
    ["csvdecode", ['a\nx"y\n']],
    ["csvdecode", ['a\n"unclosed\n']],
    ["csvdecode", ['a\n"x"y\n']],
    ["dirname", [["a"]]],
    ["lower", [{ a: "b" }]],
  ])("%s(%j)", (name, args) => {
    const result = callFunction(name, args);
    expect(result).toBeInstanceOf(EvaluationError);
  });
});

describe("regular expressions are RE2, as in Terraform", () => {
  it.each<[string, Value[], Value]>([
    // RE2 syntax JavaScript reads differently or not at all.
    ["regex", ["(?P<host>[a-z]+)\\.nhs\\.uk", "www.nhs.uk"], { host: "www" }],
    ["regex", ["(?i)NHS", "www.nhs.uk"], "nhs"],
    ["regex", ["[[:digit:]]+", "abc123"], "123"],
    ["regex", ["\\pL+", "123abc"], "abc"],
    ["regex", ["a\\z", "ba"], "a"],
    ["regex", ["(a)|(b)", "b"], [null, "b"]],
    ["regexall", ["[0-9]+", "a1b22c333"], ["1", "22", "333"]],
    // Go skips an empty match right after a match; JavaScript's matchAll does not.
    ["regexall", ["a*", "baaac"], ["", "aaa", ""]],
    [
      "regexall",
      ["(\\w)=(\\d)", "a=1 b=2"],
      [
        ["a", "1"],
        ["b", "2"],
      ],
    ],
    // Go's replacement syntax: $1, ${1}, $name, ${name}, $$; a malformed $ stays.
    ["replace", ["10.0.1.5", "/(\\d+)\\.(\\d+)$/", "$2.$1"], "10.0.5.1"],
    ["replace", ["key=value", "/(?P<k>\\w+)=(?P<v>\\w+)/", "${v}:${k}"], "value:key"],
    ["replace", ["ab", "/(a)/", "$1x"], "b"],
    ["replace", ["ab", "/(a)/", "${1}x"], "axb"],
    ["replace", ["ab", "/a/", "$$"], "$b"],
    ["replace", ["ab", "/a/", "$"], "$b"],
    ["replace", ["aaa", "/a*/", "-"], "-"],
    // Linear time where a backtracking engine never returns.
    ["regexall", ["(a+)+$", `${"a".repeat(50_000)}b`], []],
  ])("%s(%j)", (name, args, expected) => {
    expect(callFunction(name, args)).toEqual(expected);
  });

  it.each<[string, Value[]]>([
    ["regex", ["(?<=a)b", "ab"]],
    ["regex", ["(a)\\1", "aa"]],
    ["regex", ["(?=a)", "a"]],
    ["replace", ["a", "/(/", "b"]],
  ])("rejects what RE2 does not support: %s(%j)", (name, args) => {
    expect(callFunction(name, args)).toBeInstanceOf(EvaluationError);
  });
});

describe("set functions are linear and compare values, not their spelling", () => {
  it("subtracts and intersects 100,000-element sets, and objects with attributes in any order are equal", () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 100_000 }, (_, i) => `a${i * 2}`);
    expect((callFunction("setsubtract", [a, b]) as string[]).length).toBe(50_000);
    expect((callFunction("setintersection", [a, b]) as string[]).length).toBe(50_000);
    expect(callFunction("setsubtract", [[{ x: 1, y: 2 }], [{ y: 2, x: 1 }]])).toEqual([]);
  });
});

describe("unknown propagation", () => {
  it("makes a result unknown and keeps the resource references", () => {
    const result = callFunction("upper", [unknown]);
    expect(isUnknown(result)).toBe(true);
    expect((result as Unknown).references.map((reference) => reference.address)).toEqual(["aws_lb.portal"]);
    expect(isUnknown(callFunction("cidrsubnet", ["10.0.0.0/16", 8, unknown]))).toBe(true);
    expect(isUnknown(callFunction("join", [",", ["a", unknown]]))).toBe(true);
  });

  it("knows what Terraform knows despite unknown elements", () => {
    expect(callFunction("length", [["a", unknown]])).toBe(2);
    expect(callFunction("concat", [["a"], [unknown]])).toEqual(["a", unknown]);
    expect(callFunction("contains", [["a", unknown], "a"])).toBe(true);
    expect(isUnknown(callFunction("contains", [["b", unknown], "a"]))).toBe(true);
    expect(callFunction("element", [[unknown, "b"], 1])).toBe("b");
    expect(callFunction("keys", [{ a: unknown }])).toEqual(["a"]);
    expect(isUnknown(callFunction("coalesce", [unknown, "x"]))).toBe(true);
    expect(callFunction("coalesce", ["x", unknown])).toBe("x");
  });

  it("leaves unknown and provider functions unevaluated", () => {
    expect(callFunction("provider::aws::arn_parse", ["x"])).toBeUndefined();
    expect(callFunction("no_such_function", [])).toBeUndefined();
  });
});

describe("values decoded from a file in the repository", () => {
  it("know where each CSV record and field was written", () => {
    const text = 'name,ip\nweb,10.0.0.5\n"api",10.0.0.6\n';
    const file = new SourceFile("records.csv", text);
    const rows = callFunction("csvdecode", [text], { fileOf: (read) => (read === text ? file : undefined) }) as Value;
    const at = (path: (string | number)[]) => {
      const range = originOf(rows, path);
      return range && `${range.start.line}:${range.start.column} ${range.text}`;
    };
    expect([at([0]), at([1]), at([1, "name"]), at([1, "ip"]), at([2])]).toEqual([
      "2:1 web,10.0.0.5",
      '3:1 "api",10.0.0.6',
      '3:1 "api"',
      "3:7 10.0.0.6",
      undefined,
    ]);
  });
});

describe("fileset patterns", () => {
  it("are doublestar globs: * and ? within a name, ** across directories, classes and alternatives", () => {
    const matches = (pattern: string, path: string) => globMatcher(pattern)?.matches(path);
    expect([
      matches("*.json", "a.json"),
      matches("*.json", "x/a.json"),
      matches("**/*.json", "a.json"),
      matches("**/*.json", "x/y/a.json"),
      matches("records/**", "records/x/y"),
      matches("{a,b}.txt", "b.txt"),
      matches("{a,b}.txt", "c.txt"),
      matches("[ab]?.md", "bz.md"),
      matches("[!a]*", "abc"),
      matches("[!a]*", "zbc"),
      matches("a.b", "axb"),
      matches("?", "/"),
    ]).toEqual([true, false, true, true, true, true, false, true, false, true, false, false]);
    expect([globExpression("{a"), globExpression("["), globExpression("[]")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("match in linear time however they are written", () => {
    const name = `${"a".repeat(5000)}c`;
    expect(globMatcher(`${"*a".repeat(40)}*b`)?.matches(name)).toBe(false);
  });
});

describe("CSV", () => {
  it("stops at a bound on fields, before making an object for each", () => {
    expect(parseCsv("a,b\n1,2\n3,4\n", 6)).toHaveLength(3);
    expect(parseCsv("a,b\n1,2\n3,4\n5,6\n", 6)).toEqual({ error: "more than 6 fields" });
  });
});
