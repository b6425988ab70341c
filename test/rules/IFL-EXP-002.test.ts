import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import { buildRegister, privateLinks } from "../../src/register/build-register.js";
import { describeRule, repoRoot } from "../support/rule-harness.js";

describeRule("IFL-EXP-002", {
  inventory: true,
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_customer_gateway.hscn",
      message:
        "aws_customer_gateway.hscn is a customer gateway (the on-premises end of a VPN): services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    { file: "fail/main.tf", line: 7, column: 1, resource: "aws_vpn_connection.hscn" },
    { file: "fail/main.tf", line: 13, column: 1, resource: "aws_dx_connection.data_centre" },
    { file: "fail/main.tf", line: 19, column: 1, resource: "aws_dx_gateway.main" },
    { file: "fail/main.tf", line: 24, column: 1, resource: "aws_ec2_client_vpn_endpoint.staff" },
    {
      file: "fail/main.tf",
      line: 43,
      column: 24,
      resource: "aws_vpc_endpoint.national_directory",
      message:
        "aws_vpc_endpoint.national_directory is an interface endpoint to the endpoint service com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718 (PrivateLink), a private connection to a system outside the estate: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    {
      file: "fail/main.tf",
      line: 56,
      column: 23,
      resource: "aws_vpc_endpoint.partner",
      message:
        "aws_vpc_endpoint.partner is an interface endpoint whose service name is not known here; if it names another account's endpoint service (PrivateLink) rather than an AWS service, services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
  ],
});

/** A scan of one file written to a directory of its own. */
function scanText(name: string, text: string) {
  const directory = mkdtempSync(join(tmpdir(), "iflint-exp-002-"));
  writeFileSync(join(directory, name), text);
  return scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-EXP-002")!] });
}

describe("IFL-EXP-002 PrivateLink endpoints", () => {
  it("a proven endpoint service is a warning; an unknown service name a conditional note; AWS services pass", () => {
    const result = scan({
      paths: [join(repoRoot, "fixtures", "IFL-EXP-002")],
      cwd: join(repoRoot, "fixtures", "IFL-EXP-002"),
      rules: [findRule("IFL-EXP-002")!],
    });
    const endpoints = result.findings.filter((finding) => finding.resource?.startsWith("aws_vpc_endpoint."));
    expect(
      endpoints.map((finding) => [finding.resource, finding.severity, finding.certainty, finding.certaintyReason]),
    ).toEqual([
      ["aws_vpc_endpoint.national_directory", "warning", "definite", undefined],
      [
        "aws_vpc_endpoint.partner",
        "note",
        "conditional",
        "holds only if its service name, not known here, names another account's endpoint service",
      ],
    ]);
    expect(result.outcomes.find((outcome) => outcome.ruleId === "IFL-EXP-002")).toMatchObject({ passed: 4, failed: 7 });
  });

  it("the register lists them as private-network links, and on the private-only services of their root module", () => {
    const result = scanText(
      "main.tf",
      `resource "aws_lb" "directory_proxy" {
  name     = "directory-proxy"
  internal = true
}

resource "aws_vpc_endpoint" "national_directory" {
  vpc_id            = "vpc-0123"
  vpc_endpoint_type = "Interface"
  service_name      = "com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718"
}

resource "aws_vpc_endpoint" "logs" {
  vpc_id            = "vpc-0123"
  vpc_endpoint_type = "Interface"
  service_name      = "com.amazonaws.eu-west-2.logs"
}
`,
    );
    const link =
      "aws_vpc_endpoint.national_directory (PrivateLink endpoint to com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718)";
    expect(privateLinks(result.estate)).toEqual([link]);
    expect(buildRegister(result.estate, result.findings).map((entry) => entry.privateDependencies)).toEqual([[link]]);
  });

  it("maps the CloudFormation AWS::EC2::VPCEndpoint: Interface to an endpoint service, not Gateway or an AWS service", () => {
    const result = scanText(
      "template.yaml",
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  NationalDirectory:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718
  Logs:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.logs
  Storage:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
`,
    );
    expect(
      result.findings.map(
        (finding) =>
          `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.certainty} ${finding.resource}`,
      ),
    ).toEqual(["IFL-EXP-002 8:20 warning definite aws_vpc_endpoint.NationalDirectory"]);
  });

  it("follows a service name an aws_vpc_endpoint_service data source looks up (terraform-aws-modules/vpc's endpoints)", () => {
    const result = scanText(
      "main.tf",
      `locals {
  endpoints = {
    ecr_api   = { service = "ecr.api" }
    directory = { service_name = "com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718" }
  }
}

data "aws_vpc_endpoint_service" "this" {
  for_each     = local.endpoints
  service      = try(each.value.service, null)
  service_name = try(each.value.service_name, null)
}

resource "aws_vpc_endpoint" "this" {
  for_each          = local.endpoints
  vpc_id            = "vpc-0123"
  vpc_endpoint_type = "Interface"
  service_name      = data.aws_vpc_endpoint_service.this[each.key].service_name
}
`,
    );
    // The lookup by an AWS service's common name passes; the one by an endpoint service's name is the dependency.
    expect(
      result.findings.map(
        (finding) =>
          `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.certainty} ${finding.resource}`,
      ),
    ).toEqual(['18:23 warning definite aws_vpc_endpoint.this["directory"]']);
  });
});
