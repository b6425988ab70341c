/**
 * Every CloudFormation property the mapping names exists in the resource type's published schema
 * (@aws-cdk/aws-service-spec, the CloudFormation registry schemas the AWS CDK is generated from),
 * at the path the mapping gives, through lists and nested property types.
 */
import { describe, expect, it } from "vitest";
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import {
  CLOUDFORMATION_MAPPINGS,
  type BlockMapping,
  type PropertyMapping,
} from "../src/load/cloudformation-mapping.js";

type Spec = ReturnType<typeof loadAwsServiceSpecSync>;
interface PropertyType {
  type: string;
  element?: PropertyType;
  reference?: { $ref: string };
  types?: PropertyType[];
}
interface Properties {
  [name: string]: { type: PropertyType };
}

/** The properties of the type a property holds (through lists, maps and unions), if it is a structure. */
function innerProperties(spec: Spec, type: PropertyType): Properties | "json" | undefined {
  if (type.type === "array" || type.type === "map") return innerProperties(spec, type.element!);
  if (type.type === "json") return "json";
  if (type.type === "union") {
    for (const option of type.types ?? []) {
      const inner = innerProperties(spec, option);
      if (inner) return inner;
    }
    return undefined;
  }
  if (type.type === "ref")
    return (spec.get("typeDefinition", type.reference!.$ref) as unknown as { properties: Properties }).properties;
  return undefined;
}

/** Follows a path; returns a message when a step does not exist. */
function follow(
  spec: Spec,
  properties: Properties | "json" | undefined,
  path: readonly string[],
  label: string,
): Properties | "json" | string {
  let current: Properties | "json" | undefined = properties;
  for (const step of path) {
    if (current === "json") return "json";
    const property = current?.[step];
    if (!property) return `${label}: no property ${step} (path ${path.join(".")})`;
    current = innerProperties(spec, property.type);
  }
  return current ?? {};
}

describe("CloudFormation mapping against the published schema", () => {
  const spec = loadAwsServiceSpecSync();

  it("names only resource types and properties that exist", () => {
    const problems: string[] = [];
    for (const mapping of CLOUDFORMATION_MAPPINGS) {
      const resource = spec
        .lookup("resource", "cloudFormationType", "equals", mapping.cloudformation)
        .only() as unknown as {
        properties: Properties;
      };
      const label = `${mapping.cloudformation} -> ${mapping.terraform}`;
      const check = (base: Properties | "json", attributes: Readonly<Record<string, PropertyMapping>> | undefined) => {
        for (const [name, property] of Object.entries(attributes ?? {}))
          for (const written of [property, ...(property.or ? [property.or] : [])]) {
            const result = follow(spec, base, written.from, `${label} ${name}`);
            if (typeof result === "string" && result !== "json") problems.push(result);
          }
      };
      const checkBlocks = (base: Properties | "json", blocks: Readonly<Record<string, BlockMapping>> | undefined) => {
        for (const [name, block] of Object.entries(blocks ?? {})) {
          const inner = follow(spec, base, block.from, `${label} block ${name}`);
          if (typeof inner === "string" && inner !== "json") {
            problems.push(inner);
            continue;
          }
          check(inner as Properties, block.attributes);
          checkBlocks(inner as Properties, block.blocks);
        }
      };
      for (const path of [mapping.when, mapping.each])
        if (path) {
          const result = follow(spec, resource.properties, path, label);
          if (typeof result === "string" && result !== "json") problems.push(result);
        }
      const base = mapping.each
        ? (follow(spec, resource.properties, mapping.each, label) as Properties)
        : resource.properties;
      check(base, mapping.attributes);
      check(resource.properties, mapping.parentAttributes);
      checkBlocks(base, mapping.blocks);
    }
    expect(problems).toEqual([]);
  });

  it("maps every resource type the issue lists", () => {
    const mapped = new Set(CLOUDFORMATION_MAPPINGS.map((mapping) => mapping.cloudformation));
    for (const type of [
      "AWS::ElasticLoadBalancingV2::LoadBalancer",
      "AWS::ElasticLoadBalancingV2::Listener",
      "AWS::ElasticLoadBalancingV2::ListenerRule",
      "AWS::ElasticLoadBalancing::LoadBalancer",
      "AWS::WAFv2::WebACL",
      "AWS::WAFv2::WebACLAssociation",
      "AWS::WAFv2::LoggingConfiguration",
      "AWS::CloudFront::Distribution",
      "AWS::CloudFront::ResponseHeadersPolicy",
      "AWS::ApiGateway::RestApi",
      "AWS::ApiGateway::Stage",
      "AWS::ApiGateway::DomainName",
      "AWS::ApiGateway::BasePathMapping",
      "AWS::ApiGatewayV2::Api",
      "AWS::ApiGatewayV2::Stage",
      "AWS::ApiGatewayV2::DomainName",
      "AWS::ApiGatewayV2::ApiMapping",
      "AWS::ApiGatewayV2::Integration",
      "AWS::ApiGatewayV2::VpcLink",
      "AWS::Route53::HostedZone",
      "AWS::Route53::RecordSet",
      "AWS::Route53::RecordSetGroup",
      "AWS::Route53::DNSSEC",
      "AWS::Route53::KeySigningKey",
      "AWS::Route53Resolver::ResolverRule",
      "AWS::EC2::SecurityGroup",
      "AWS::EC2::SecurityGroupIngress",
      "AWS::EC2::VPNConnection",
      "AWS::EC2::CustomerGateway",
      "AWS::EC2::VPNGateway",
      "AWS::EC2::TransitGatewayAttachment",
      "AWS::EC2::NatGateway",
      "AWS::EC2::ClientVpnEndpoint",
      "AWS::EC2::Instance",
      "AWS::AppSync::GraphQLApi",
      "AWS::Cognito::UserPoolDomain",
      "AWS::OpenSearchService::Domain",
      "AWS::Elasticsearch::Domain",
      "AWS::ElastiCache::ReplicationGroup",
      "AWS::RDS::DBParameterGroup",
      "AWS::RDS::DBClusterParameterGroup",
      "AWS::RDS::DBInstance",
      "AWS::RDS::DBCluster",
      "AWS::S3::Bucket",
      "AWS::S3::BucketPolicy",
      "AWS::ECS::TaskDefinition",
      "AWS::ECS::Service",
      "AWS::Lambda::Function",
      "AWS::SSM::Parameter",
      "AWS::Transfer::Server",
      "AWS::AutoScaling::AutoScalingGroup",
    ])
      expect(mapped.has(type), type).toBe(true);
  });
});
