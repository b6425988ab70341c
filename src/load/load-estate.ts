/**
 * Reads discovered files into the estate. Terraform directories are evaluated as modules: each
 * directory that no other scanned directory calls is a root, evaluated with its tfvars; the
 * modules it calls are evaluated through it, once per instance, with the inputs it passes.
 */
import { dirname, resolve } from "node:path";
import type { DiscoveredFile } from "../parsers/discover-files.js";
import { Estate } from "../model/estate.js";
import { ModuleLoader, type ModuleSource } from "../evaluate/module-loader.js";
import { ModuleEvaluator, declarationsOf } from "../evaluate/module-evaluator.js";
import { EvaluationBudget } from "../evaluate/budget.js";
import {
  readVariableFiles,
  rootVariableAssignments,
  terraformVariableEnvironment,
  type RootAssignments,
  type VariableOptions,
} from "../evaluate/variable-sources.js";
import { readSourceFile, refusalDiagnostic } from "../source/read-source.js";
import { SourceFile, SourceRange } from "../source/source-file.js";
import { addPlanFile, mergePlanWithSource } from "./plan-files.js";
import { addDnsFiles } from "./dns-files.js";
import { addCdktfSources, mergeCdktfSynthWithSource } from "./cdktf-sources.js";
import { addRoute53Zones } from "./route53-zones.js";
import { addAzapiResources } from "./azapi-resources.js";
import {
  addTemplateFile,
  dropMergedFragments,
  parentsFirst,
  type NestedParameters,
} from "./cloudformation-templates.js";
import { placeCdkResources } from "./cloudformation-cdk.js";
import { dropLocallyEmulatedResources } from "./local-emulators.js";
import { deepestCommonDirectory, displayPath } from "../parsers/discover-files.js";
import { terragruntDeployers, terragruntTargets, type TerragruntTarget } from "./terragrunt-sources.js";
import { Unknown } from "../model/value.js";
import { deepEqual } from "../evaluate/expression.js";
import { literalText } from "../parsers/hcl/ast.js";
import { attributeNamed } from "../parsers/hcl/packed-attributes.js";
import { assignmentStrings, recordRootTexts, type EvaluatedRoot } from "./root-texts.js";
import { ReadAhead } from "../source/read-ahead.js";

export interface LoadOptions extends VariableOptions {
  cwd?: string;
  isPrivateZone?: (origin: string) => boolean;
  /**
   * The repository being scanned (or the paths the user asked to scan): `file()` and `$INCLUDE` may
   * read anywhere inside them, however the scan was invoked.
   */
  scanPaths?: readonly string[];
  /** CloudFormation parameter values (`--cfn-parameters`), for every template. */
  cloudformationParameters?: ReadonlyMap<string, string>;
}

export function loadEstate(files: readonly DiscoveredFile[], options: LoadOptions = {}): Estate {
  const estate = new Estate();
  const cwd = options.cwd ?? process.cwd();
  const byDirectory = new Map<string, string[]>();
  for (const file of files) {
    if (file.kind !== "hcl" && file.kind !== "terraform-json") continue;
    const directory = dirname(file.absolutePath);
    // Appended in place: copying the directory's list for every file made loading quadratic.
    const paths = byDirectory.get(directory);
    if (paths) paths.push(file.absolutePath);
    else byDirectory.set(directory, [file.absolutePath]);
  }
  const rootDirectories = new Map<string, string>();
  // Without the scanned paths (a caller that discovered files itself), the files' common directory bounds reads.
  const scanned = options.scanPaths?.length
    ? options.scanPaths
    : files.length
      ? [deepestCommonDirectory(files.map((file) => dirname(file.absolutePath)))]
      : [];
  const loader = new ModuleLoader(estate, cwd, rootDirectories, scanned);
  for (const file of files)
    if (file.kind === "refused" && file.refusal)
      estate.diagnostics.push(
        refusalDiagnostic(file.refusal, new SourceRange(new SourceFile(file.displayPath, "", file.absolutePath), 0, 0)),
      );
  // Read in the order addDiscovered reads them: directory by directory, each sorted by name.
  loader.readAhead = ReadAhead.start([...byDirectory.values()].flatMap((paths) => [...paths].sort()));
  let sources;
  try {
    sources = [...byDirectory.entries()].map(([directory, paths]) => loader.addDiscovered(directory, paths));
  } finally {
    loader.readAhead?.close();
    loader.readAhead = undefined;
  }
  const called = calledDirectories(sources);
  // In a cycle of directories calling each other, none is a root: evaluate them all as roots.
  const roots = sources.filter((source) => !called.has(source.absoluteDirectory));
  // process.env is slow to enumerate: its TF_VAR_ entries are copied once here, not once per root.
  const variableOptions = {
    ...options,
    cwd,
    environment: terraformVariableEnvironment(options.environment),
    boundary: loader.boundary,
  };
  const variableFiles = readVariableFiles(variableOptions, estate.diagnostics);
  const reported = new Set<string>();
  const deployersOf = terragruntDeployers(terragruntTargets(files));
  const evaluatedRoots = new Map<string, EvaluatedRoot>();
  for (const source of roots.length || !sources.length ? roots : sources) {
    rootDirectories.set(source.directory, source.absoluteDirectory);
    const assignments = rootVariableAssignments(source.absoluteDirectory, variableOptions, variableFiles);
    estate.diagnostics.push(...assignments.diagnostics);
    const deployedBy = deployersOf(source.absoluteDirectory);
    if (deployedBy.length) {
      setByTerragruntInputs(assignments.values, deployedBy);
      setElsewhere(source, assignments.values, "Terragrunt inputs");
    } else if (isLibraryModule(source)) setElsewhere(source, assignments.values, "the module's caller");
    else if (assignments.unreadable) setElsewhere(source, assignments.values, "a variables file that is not read");
    const strings = [...assignments.values.values()].map(assignmentStrings);
    const instances: ModuleEvaluator[] = [];
    if (strings.every((item) => item !== undefined))
      evaluatedRoots.set(source.directory, {
        strings: [...strings.flat(), options.environment?.TF_WORKSPACE ?? ""],
        instances,
      });
    const instance = estate.module(source.directory, "", source.directory);
    new ModuleEvaluator(
      {
        estate,
        loader,
        workspace: options.environment?.TF_WORKSPACE,
        reported,
        budget: new EvaluationBudget(),
        instances,
      },
      source,
      instance,
      assignments.values,
      0,
      [],
    ).run();
  }
  recordRootTexts(estate, loader, evaluatedRoots);
  const typescript = files.filter((file) => file.kind === "cdktf").map((file) => file.absolutePath);
  const synthesized = files
    .filter((file) => file.kind === "terraform-json" && file.absolutePath.endsWith("cdk.tf.json"))
    .map((file) => file.absolutePath);
  const placementOnly =
    typescript.length || synthesized.length
      ? addCdktfSources(estate, loader, typescript, synthesized, cwd)
      : new Set<SourceFile>();
  // Files beside templates (samconfig, a cloud assembly's manifest, cdk.json) are read as the files
  // Terraform's functions read are: confined to the scan.
  const readBeside = (path: string) => {
    const text = loader.readFileUnder(dirname(path), path);
    return typeof text === "string" ? text : undefined;
  };
  const templates = files
    .filter((file) => file.kind === "cloudformation")
    .map((file) => readSourceFile(estate, file.absolutePath, file.displayPath))
    .filter((source): source is SourceFile => source !== undefined);
  // Templates that nest others first, so each nested template gets the parameters passed to it.
  const nested = new Map<string, NestedParameters[]>();
  const { ordered, parsed } = parentsFirst(templates);
  const templateOptions = { parameters: options.cloudformationParameters, readBeside, nested };
  for (const source of ordered) addTemplateFile(estate, source, templateOptions, parsed.get(source));
  dropMergedFragments(estate);
  placeCdkResources(
    estate,
    files.filter((file) => file.kind === "cdk").map((file) => file.absolutePath),
    cwd,
    readBeside,
  );
  for (const file of files) {
    if (file.kind !== "plan") continue;
    const source = readSourceFile(estate, file.absolutePath, file.displayPath);
    if (source) addPlanFile(estate, source, displayPath(dirname(file.absolutePath), cwd));
  }
  addDnsFiles(estate, files, { ...options, cwd });
  mergeCdktfSynthWithSource(estate, placementOnly);
  mergePlanWithSource(estate);
  dropLocallyEmulatedResources(estate);
  estate.invalidateIndexes();
  addAzapiResources(estate);
  addRoute53Zones(estate, options.isPrivateZone);
  return estate;
}

/**
 * Variables every Terragrunt configuration deploying the root sets to the same value written out in
 * full. One that a configuration leaves out, derives, or sets differently from another stays unknown.
 */
function setByTerragruntInputs(values: RootAssignments["values"], targets: readonly TerragruntTarget[]): void {
  const [first, ...rest] = targets;
  for (const [name, input] of Object.entries(first?.inputs ?? {})) {
    if (!input.known || values.has(name)) continue;
    if (
      !rest.every((target) => {
        const other = target.inputs?.[name];
        return other?.known === true && deepEqual(other.value, input.value);
      })
    )
      continue;
    values.set(name, { value: input.value, label: "Terragrunt inputs", trace: [], usesDefault: false });
  }
}

/**
 * Variables of a root that nothing in the scan sets but something outside it will (Terragrunt
 * `inputs`, or the caller of a library module): unknown, not their defaults.
 */
function setElsewhere(source: ModuleSource, values: RootAssignments["values"], setter: string): void {
  for (const { parsed } of source.files) {
    for (const block of parsed.body.blocks) {
      const name = block.labels[0]?.value;
      if (block.type !== "variable" || name === undefined || values.has(name)) continue;
      values.set(name, {
        value: new Unknown(`var.${name} (set by ${setter})`),
        label: setter,
        trace: [],
        usesDefault: false,
      });
    }
  }
}

/**
 * `configuration_aliases` in `required_providers`, with no `provider` block configuring anything,
 * says the module expects its caller to pass provider configurations: it is a library module, never
 * deployed as a root, even when nothing in the scan calls it (its callers live in other repositories).
 */
function isLibraryModule(source: ModuleSource): boolean {
  const { configuresProvider, terraformBlocks } = declarationsOf(source);
  return (
    !configuresProvider &&
    terraformBlocks.some((block) =>
      block.body.blocks.some(
        (inner) =>
          inner.type === "required_providers" &&
          inner.body.attributes.some(
            ({ expression }) =>
              expression.kind === "Object" &&
              expression.items.some((item) => literalText(item.key) === "configuration_aliases"),
          ),
      ),
    )
  );
}

/** Directories that some scanned directory calls as a local module source. */
function calledDirectories(sources: readonly ModuleSource[]): Set<string> {
  const called = new Set<string>();
  for (const source of sources) {
    for (const block of declarationsOf(source).moduleBlocks) {
      const attribute = attributeNamed(block.body, "source");
      const literal = literalText(attribute?.expression);
      if (literal !== undefined && (literal.startsWith("./") || literal.startsWith("../"))) {
        const target = resolve(source.absoluteDirectory, literal);
        if (target !== source.absoluteDirectory) called.add(target);
      }
    }
  }
  return called;
}
