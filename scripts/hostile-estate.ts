/**
 * Hostile input, generated at test time (never committed): symlinks out of the scanned tree,
 * special files where iflint expects text, and expressions or documents built to hang a scan or
 * exhaust its memory. Each case is its own directory so it can be scanned, and measured, alone.
 * `node dist/scripts/hostile-estate.js <directory>` writes them and prints the cases as JSON.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface HostileCase {
  /** Directory to scan (or the file named on the command line). */
  path: string;
  /** Extra command-line arguments. */
  args: string[];
  /** Needs mkfifo (skipped where the platform has none). */
  fifo?: boolean;
}

export interface HostileEstate {
  /** A directory outside every scanned one, holding the secret. */
  outside: string;
  /** Distinctive lines of the outside files: none may appear in any report. */
  secretLines: string[];
  cases: Record<string, HostileCase>;
}

const SECRET_TEXT = [
  "zqxroot:x:0:0:zqxsecretroot:/root:/bin/bash",
  'zqx_outside_setting = "zqx-outside-value-9f2"',
  'resource "aws_route53_record" "zqxleakedrecord" {',
].join("\n");

const SECRET_MODULE = `resource "aws_route53_zone" "zqxoutsidezone" {
  name = "example.nhs.uk"
}
resource "aws_route53_record" "zqxoutsidemodule" {
  zone_id = aws_route53_zone.zqxoutsidezone.zone_id
  name    = "zqxoutsidemodule.example.nhs.uk"
  type    = "CNAME"
  ttl     = 300
  records = ["zqxoutsidemodule-target.vpce.amazonaws.com"]
}
`;

/**
 * A public zone and a CNAME whose target is derived from an expression, aimed at a private
 * endpoint's name so that a rule quotes the target: what a leak through a message looks like.
 */
function recordNamed(expression: string): string {
  return `resource "aws_route53_zone" "public" {
  name = "example.nhs.uk"
}
resource "aws_route53_record" "leak" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www.example.nhs.uk"
  type    = "CNAME"
  ttl     = 300
  records = ["\${${expression}}.vpce.amazonaws.com"]
}
`;
}

export function createHostileEstate(base: string): HostileEstate {
  rmSync(base, { recursive: true, force: true });
  const outside = join(base, "outside");
  const scanned = join(base, "scanned");
  mkdirSync(join(outside, "directory"), { recursive: true });
  mkdirSync(join(outside, "module"), { recursive: true });
  writeFileSync(join(outside, "secret.txt"), `${SECRET_TEXT}\n`);
  writeFileSync(join(outside, "secret.tf"), `${SECRET_TEXT}\n`);
  writeFileSync(join(outside, "secret.tfvars"), 'zone_name = "zqxoutsidevars.example.nhs.uk"\n');
  writeFileSync(join(outside, "directory", "main.tf"), SECRET_MODULE);
  writeFileSync(join(outside, "module", "main.tf"), SECRET_MODULE);
  const cases: Record<string, HostileCase> = {};
  const add = (name: string, files: Record<string, string>, extra: Partial<HostileCase> = {}): string => {
    const directory = join(scanned, name);
    mkdirSync(directory, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(directory, file), text);
    cases[name] = { path: directory, args: [], ...extra };
    return directory;
  };
  const link = (directory: string, name: string, target: string) => symlinkSync(target, join(directory, name));

  link(add("symlinked-file", {}), "main.tf", join(outside, "secret.tf"));
  link(add("symlinked-directory", { "main.tf": recordNamed('"a.example.com"') }), "linked", join(outside, "directory"));
  const viaFile = add("file-function-symlink", {
    "main.tf": recordNamed('replace(substr(file("${path.module}/link.txt"), 0, 40), ":", "-")'),
    "templated.tf": `locals {
  rendered = templatefile("\${path.module}/link.txt", {})
  exists   = fileexists("\${path.module}/link.txt")
}
data "local_file" "secret" {
  filename = "\${path.module}/link.txt"
}
resource "aws_route53_record" "local_file" {
  zone_id = "Z1"
  name    = "api.example.nhs.uk"
  type    = "CNAME"
  ttl     = 300
  records = [replace(data.local_file.secret.content, ":", "-"), local.rendered]
}
`,
  });
  link(viaFile, "link.txt", join(outside, "secret.txt"));
  add("file-function-outside", {
    "main.tf": recordNamed('file("../../outside/secret.txt")'),
  });
  add("module-outside", {
    "main.tf": 'module "outside" {\n  source = "../../outside/module"\n}\n',
  });
  link(
    add("tfvars-symlink", {
      "main.tf": 'variable "zone_name" {}\n' + recordNamed("var.zone_name"),
    }),
    "terraform.tfvars",
    join(outside, "secret.tfvars"),
  );
  // Named on the command line, the operator's own file: read wherever it is (not hostile).
  add(
    "var-file-outside",
    { "main.tf": 'variable "zone_name" {}\n' + recordNamed("var.zone_name") },
    { args: ["--var-file", join(outside, "secret.tfvars")] },
  );
  // Named by a configuration in the scanned tree: refused, once for both root modules.
  const configured = add("config-var-files-outside", {});
  for (const root of ["a", "b"]) {
    mkdirSync(join(configured, root));
    writeFileSync(join(configured, root, "main.tf"), 'variable "zone_name" {}\n' + recordNamed("var.zone_name"));
  }
  writeFileSync(join(configured, "iflint.config.json"), JSON.stringify({ varFiles: [join(outside, "secret.tfvars")] }));
  cases["config-var-files-outside"].args = ["--config", join(configured, "iflint.config.json")];
  link(
    add("terragrunt-symlink", { "main.tf": recordNamed('"a.example.com"') }),
    "terragrunt.hcl",
    join(outside, "secret.tf"),
  );
  link(add("special-file-zero", {}), "main.tf", "/dev/zero");
  link(add("special-file-null-tfvars", { "main.tf": recordNamed('"a.example.com"') }), "terraform.tfvars", "/dev/zero");

  const fifos = add("special-file-fifo", { "main.tf": recordNamed('file("${path.module}/pipe.txt")') });
  cases["special-file-fifo"].fifo = true;
  const named = add("special-file-fifo-named", {});
  cases["special-file-fifo-named"] = { path: join(named, "pipe.tf"), args: [], fifo: true };
  const configFifo = add("special-file-fifo-config", { "main.tf": recordNamed('"a.example.com"') });
  cases["special-file-fifo-config"].fifo = true;
  try {
    for (const path of [
      join(fifos, "pipe.txt"),
      join(fifos, "queue.tf"),
      join(fifos, "terraform.tfvars"),
      join(fifos, "db.zone"),
      join(named, "pipe.tf"),
      join(configFifo, ".iflintrc.json"),
    ])
      execFileSync("mkfifo", [path]);
  } catch {
    // No mkfifo: those cases are skipped.
  }

  const doubled = Array.from({ length: 21 }, (_, i) =>
    i === 0 ? `  s0 = "${"x".repeat(1024)}"` : `  s${i} = "\${local.s${i - 1}}\${local.s${i - 1}}"`,
  ).join("\n");
  add("string-doubling", { "main.tf": `locals {\n${doubled}\n}\n${recordNamed("local.s20")}` });
  add("regex-backtracking", {
    "main.tf": recordNamed(`regex("(a+)+$", "${"a".repeat(40)}b")`),
  });
  add("module-self-count", {
    "main.tf": 'module "again" {\n  source = "./"\n  count  = 3\n}\n' + recordNamed('"a.example.com"'),
  });
  add("nested-for-range", {
    "main.tf": `locals {\n  grid = flatten([for i in range(10000) : [for j in range(10000) : "\${i}-\${j}"]])\n}\n${recordNamed("local.grid[0]")}`,
  });
  add("setsubtract-large", {
    "main.tf": `locals {\n  a = [for i in range(100000) : "a\${i}"]\n  b = [for i in range(100000) : "a\${i * 2}"]\n  left = setsubtract(local.a, local.b)\n}\n${recordNamed("local.left[0]")}`,
  });
  const depth = 10_000;
  add("plan-json-deep", {
    "plan.json": `{"format_version":"1.2","terraform_version":"1.9.0","x":${"[".repeat(depth)}${"]".repeat(depth)}}`,
  });
  add("terraform-json-deep", { "main.tf.json": `{"locals":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}` });
  add("tfvars-json-deep", {
    "main.tf": 'variable "x" {}\n',
    "terraform.tfvars.json": `{"x":${"[".repeat(depth)}${"]".repeat(depth)}}`,
  });
  add("jsondecode-deep", {
    "main.tf": `locals {\n  x = jsondecode("${"[".repeat(depth)}${"]".repeat(depth)}")\n}\n${recordNamed("local.x")}`,
  });
  add("yamldecode-deep", {
    "main.tf": `locals {\n  x = yamldecode("${"[".repeat(depth)}${"]".repeat(depth)}")\n}\n${recordNamed("local.x")}`,
  });
  add("hcl-deep", { "main.tf": `locals {\n  x = ${"[".repeat(depth)}${"]".repeat(depth)}\n}\n` });
  const glob = add("private-zone-glob", {
    "main.tf": `resource "aws_route53_zone" "long" {\n  name = "${"a".repeat(5000)}.example.nhs.uk"\n}\n`,
  });
  writeFileSync(join(glob, "iflint.config.json"), JSON.stringify({ privateZones: ["*a*a*a*a*a*a*a*a*a*b"] }));
  cases["private-zone-glob"].args = ["--config", join(glob, "iflint.config.json")];
  return { outside, secretLines: [...SECRET_TEXT.split("\n"), "zqxoutsidemodule", "zqxoutsidevars"], cases };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const directory = process.argv[2];
  if (!directory) throw new Error("usage: hostile-estate.js <directory>");
  process.stdout.write(`${JSON.stringify(createHostileEstate(directory), null, 2)}\n`);
}
