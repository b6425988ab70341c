/**
 * Which names in a TypeScript file are CDKTF provider constructs, however they were imported:
 *
 *   import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";     new LbListener(...)
 *   import { LbListener as L } from "@cdktf/provider-aws/lib/lb-listener"; new L(...)
 *   import * as listener from "@cdktf/provider-aws/lib/lb-listener";      new listener.LbListener(...)
 *   import { lbListener } from "@cdktf/provider-aws";                     new lbListener.LbListener(...)
 *   import * as aws from "@cdktf/provider-aws";                           new aws.lbListener.LbListener(...)
 *   import { LbListener } from ".gen/providers/aws/lb-listener";        (locally generated bindings)
 *   import { iam } from "@cdktf/provider-aws";                           new iam.IamRole(...)  (provider-aws 10 and earlier)
 *   import { S3Bucket } from "@cdktf/provider-aws/lib/s3";               (services, provider-aws 9 and 10)
 *   import { S3Bucket } from "@cdktf/provider-aws";                      (the package root, earlier still)
 */
import type { ImportDeclaration } from "ts-morph";
import { moduleNameToType, snakeCase } from "./names.js";

export interface ConstructType {
  mode: "managed" | "data";
  /** The Terraform type, e.g. `aws_lb_listener`. */
  type: string;
}

/** What a local name stands for. */
export type ImportBinding =
  | { kind: "construct"; construct: ConstructType }
  /** A binding module's namespace: any class in it is that construct. */
  | { kind: "resource-module"; construct: ConstructType }
  /** The provider's root namespace: `aws.lbListener.LbListener`. */
  | { kind: "provider"; provider: string };

// CDK Terrain (`cdktn`), the community fork that carries CDKTF on, publishes the same bindings as `@cdktn/provider-*`.
const PACKAGE = /^@cdkt[fn]\/provider-([a-z0-9]+)(?:\/lib(?:\/([a-z0-9-]+))?)?(?:\/index(?:\.js)?)?$/;
const GENERATED = /(?:^|\/)\.gen\/providers\/([a-z0-9]+)(?:\/(?:lib\/)?([a-z0-9-]+))?(?:\/index(?:\.js)?)?$/;
/**
 * Bindings generated into another directory (`cdktf.json`'s `codeMakerOutput`, e.g. `./src/gen`),
 * imported by a relative path through its `providers` directory; taken as bindings only when the
 * path is not the scan's own code (generated bindings are not committed).
 */
const ELSEWHERE_GENERATED =
  /^\.\.?\/(?:[^"']*\/)?providers\/([a-z0-9]+)(?:\/(?:lib\/)?([a-z0-9-]+))?(?:\/index(?:\.js)?)?$/;

/** The provider and binding module an import specifier names, if it is one. */
export function providerModule(
  specifier: string,
  resolvesInScan = false,
): { provider: string; module?: string } | undefined {
  const match =
    PACKAGE.exec(specifier) ??
    GENERATED.exec(specifier) ??
    (resolvesInScan ? null : ELSEWHERE_GENERATED.exec(specifier));
  return match ? { provider: match[1], module: match[2] } : undefined;
}

/** The construct a binding module (`lb-listener`, `data-aws-vpc`) defines; none for the provider itself. */
export function constructOfModule(provider: string, module: string): ConstructType | undefined {
  if (module === "provider") return undefined;
  const dataPrefix = `data-${provider}-`;
  if (module.startsWith(dataPrefix))
    return { mode: "data", type: `${provider}_${moduleNameToType(module.slice(dataPrefix.length))}` };
  return { mode: "managed", type: `${provider}_${moduleNameToType(module)}` };
}

/**
 * The construct a provider class makes, by its name (`LbListener` → `aws_lb_listener`,
 * `DataAwsVpc` → data `aws_vpc`): how the bindings name classes whatever module holds them
 * (`lib/lb-listener` from provider-aws 11, the service modules `lib/s3`, `iam` of earlier ones,
 * the package root of the earliest). The provider's own class configures, it is not a resource.
 */
export function constructOfClass(provider: string, className: string): ConstructType | undefined {
  if (!/^[A-Z]/.test(className)) return undefined;
  if (className === `${provider.charAt(0).toUpperCase()}${provider.slice(1)}Provider`) return undefined;
  return constructOfModule(provider, memberToModule(className.charAt(0).toLowerCase() + className.slice(1)));
}

/** A root-namespace member (`lbListener`, `dataAwsVpc`) as a binding module name. */
export function memberToModule(member: string): string {
  return snakeCase(member).replace(/_/g, "-");
}

export function importBindings(declarations: readonly ImportDeclaration[]): Map<string, ImportBinding> {
  const bindings = new Map<string, ImportBinding>();
  for (const declaration of declarations) {
    const target = providerModule(specifierOf(declaration), resolvesInScan(declaration));
    if (!target) continue;
    const construct = target.module ? constructOfModule(target.provider, target.module) : undefined;
    const namespace = declaration.getNamespaceImport()?.getText();
    if (namespace) {
      if (construct) bindings.set(namespace, { kind: "resource-module", construct });
      else if (!target.module) bindings.set(namespace, { kind: "provider", provider: target.provider });
    }
    for (const named of declaration.getNamedImports()) {
      const local = named.getAliasNode()?.getText() ?? named.getName();
      const byClass = constructOfClass(target.provider, named.getName());
      if (byClass) bindings.set(local, { kind: "construct", construct: byClass });
      else if (/^[A-Z]/.test(named.getName()) || target.module === "provider") continue;
      else {
        // A namespace: a binding module (`lbListener`) or, before provider-aws 11, a service (`iam`).
        const member = constructOfModule(target.provider, memberToModule(named.getName()));
        if (member) bindings.set(local, { kind: "resource-module", construct: member });
      }
    }
  }
  return bindings;
}

/** True when the import is of a file the project holds (the scan's own code, not generated bindings). */
function resolvesInScan(declaration: ImportDeclaration): boolean {
  try {
    return declaration.getModuleSpecifierSourceFile() !== undefined;
  } catch {
    return false;
  }
}

/** The module an import names; "" when it is not a string (only in code that does not compile). */
function specifierOf(declaration: ImportDeclaration): string {
  try {
    return declaration.getModuleSpecifierValue();
  } catch {
    return "";
  }
}
