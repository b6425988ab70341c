/**
 * CloudFormation and SAM templates read as the Terraform resources they are: the AWS rules find the
 * same problems in them, each at its exact position in the template.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan, type ScanOptions } from "../src/scan.js";
import { isUnknown } from "../src/model/value.js";
import { repoRoot } from "./support/rule-harness.js";

const root = join(repoRoot, "fixtures/cloudformation");

function findingsIn(path: string, options: Partial<ScanOptions> = {}): string[] {
  const result = scan({ paths: [path], cwd: root, ...options });
  return result.findings.map(
    (finding) =>
      `${finding.ruleId} ${finding.resource ?? "-"} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
  );
}

describe("CloudFormation templates", () => {
  it("YAML: every mapped rule at the template's positions; a resource whose condition is false does not exist", () => {
    expect(findingsIn("templates/web.yaml")).toEqual([
      "IFL-WAF-001 aws_lb.PublicAlb templates/web.yaml:17:3",
      "IFL-TLS-001 aws_lb_listener.HttpListener templates/web.yaml:27:17",
      "IFL-TLS-002 aws_lb_listener.HttpsListener templates/web.yaml:37:18",
      "IFL-WAF-002 aws_cloudfront_distribution.Cdn templates/web.yaml:54:3",
      "IFL-TLS-009 aws_cloudfront_distribution.Cdn templates/web.yaml:63:37",
      "IFL-TLS-016 aws_cloudfront_distribution.Cdn templates/web.yaml:64:9",
      "IFL-TLS-003 aws_cloudfront_distribution.Cdn templates/web.yaml:66:33",
      "IFL-TLS-004 aws_cloudfront_distribution.Cdn templates/web.yaml:71:35",
      "IFL-WAF-003 aws_api_gateway_stage.ApiStage templates/web.yaml:76:3",
      "IFL-TLS-005 aws_api_gateway_domain_name.ApiDomain templates/web.yaml:86:23",
      "IFL-DNS-002 aws_route53_zone.PublicZone templates/web.yaml:90:3",
      "IFL-DNS-004 aws_route53_zone.PublicZone templates/web.yaml:90:3",
      "IFL-ADDR-001 aws_route53_record.InternalRecord templates/web.yaml:102:11",
      "IFL-TLS-011 aws_opensearch_domain.Search templates/web.yaml:107:23",
      "IFL-TLS-011 aws_opensearch_domain.Search templates/web.yaml:108:28",
      "IFL-TLS-013 aws_elasticache_replication_group.Cache templates/web.yaml:114:33",
      "IFL-TLS-015 aws_transfer_server.Sftp templates/web.yaml:115:3",
      "IFL-TLS-015 aws_transfer_server.Sftp templates/web.yaml:118:19",
      "IFL-TLS-014 aws_db_parameter_group.Postgres templates/web.yaml:125:24",
      "IFL-BW-001 aws_vpn_connection.Hscn templates/web.yaml:126:3",
      "IFL-EXP-002 aws_vpn_connection.Hscn templates/web.yaml:126:3",
      "IFL-ADDR-005 aws_lambda_function.Worker templates/web.yaml:142:21",
    ]);
  });

  it("security groups, target groups, record set groups, resolver rules, classic ELBs, S3 websites, AppSync, Cognito, Auto Scaling and NAT routing", () => {
    expect(findingsIn("templates/more.yaml")).toEqual([
      "IFL-ADDR-002 aws_security_group.OpenSg templates/more.yaml:13:19",
      "IFL-WAF-001 aws_lb.Front templates/more.yaml:14:3",
      "IFL-ADDR-011 aws_lb_target_group_attachment.Targets[0] templates/more.yaml:37:15",
      "IFL-DNS-003 aws_route53_record.Records[0] templates/more.yaml:68:11",
      "IFL-EXP-004 aws_route53_record.Records[0] templates/more.yaml:71:22",
      "IFL-EXP-006 aws_route53_resolver_rule.Forwarder templates/more.yaml:84:15",
      "IFL-TLS-010 aws_elb.Legacy templates/more.yaml:93:21",
      "IFL-TLS-012 aws_s3_bucket_website_configuration.Site templates/more.yaml:94:3",
      "IFL-TLS-025 aws_s3_bucket.Site templates/more.yaml:94:3",
      "IFL-WAF-004 aws_appsync_graphql_api.Graph templates/more.yaml:99:3",
      "IFL-WAF-017 aws_cognito_user_pool_domain.PoolDomain templates/more.yaml:108:3",
      "IFL-BW-004 aws_autoscaling_group.Workers templates/more.yaml:117:16",
      "IFL-BW-002 aws_nat_gateway.Nat templates/more.yaml:139:3",
    ]);
  });

  it("private endpoints, internal load balancers, VPC links to targets off the VPC, ECS services that cannot scale", () => {
    expect(findingsIn("templates/exposure.yaml")).toEqual([
      "IFL-EXP-005 aws_lb.Booking templates/exposure.yaml:21:15",
      "IFL-EXP-001 aws_api_gateway_rest_api.PrivateApi templates/exposure.yaml:39:16",
      "IFL-ADDR-011 aws_lb_target_group_attachment.NlbTargets[0] templates/exposure.yaml:53:15",
      "IFL-WAF-001 aws_lb.Web templates/exposure.yaml:69:3",
      "IFL-BW-005 aws_ecs_service.Portal templates/exposure.yaml:94:21",
      "IFL-EXP-007 aws_api_gateway_integration.ResultsGet templates/exposure.yaml:112:23",
    ]);
  });

  it("configuration applies to templates as to Terraform: privateNetworkRanges", () => {
    const findings = findingsIn("templates/exposure.yaml", {
      config: { privateNetworkRanges: [{ cidr: "172.16.0.0/12", reason: "the trust's HSCN allocation" }] },
    });
    expect(findings[0]).toBe("IFL-EXP-013 aws_security_group.HscnOnlySg templates/exposure.yaml:17:19");
  });

  it("capacity: stage method settings (CloudFormation and SAM) throttled below the declared peak", () => {
    const findings = findingsIn("templates/throttling.yaml", {
      config: {
        capacity: [
          { resource: "aws_api_gateway_stage.ReferralsLive", peakRequestsPerSecond: 300 },
          { resource: "aws_api_gateway_rest_api.Bookings", peakRequestsPerSecond: 100 },
        ],
      },
    });
    expect(findings.filter((finding) => finding.startsWith("IFL-BW-012"))).toEqual([
      "IFL-BW-012 aws_api_gateway_method_settings.ReferralsLive[0] templates/throttling.yaml:19:32",
      "IFL-BW-012 aws_api_gateway_method_settings.BookingsliveStage[0] templates/throttling.yaml:29:32",
    ]);
  });

  it("classic load balancer SSL negotiation policies", () => {
    expect(findingsIn("templates/classic-elb.yaml")).toEqual([
      "IFL-TLS-017 aws_load_balancer_policy.Legacy[0] templates/classic-elb.yaml:18:22",
      "IFL-TLS-017 aws_load_balancer_policy.Legacy[0] templates/classic-elb.yaml:20:22",
    ]);
  });

  it("capacity: an Auto Scaling group's launch template instance type against the declared peak", () => {
    const findings = findingsIn("templates/compute.yaml", {
      config: {
        capacity: [{ resource: "aws_autoscaling_group.Portal", users: 4000, kbpsPerUser: 250, reason: "sizing" }],
      },
    });
    expect(findings).toEqual(["IFL-BW-011 aws_autoscaling_group.Portal templates/compute.yaml:12:16"]);
  });

  it("names: records of a group found by HostedZoneName, private endpoint and non-internet targets, HSCN-only national services", () => {
    expect(findingsIn("templates/names.yaml")).toEqual([
      "IFL-DNS-002 aws_route53_zone.Zone templates/names.yaml:3:3",
      "IFL-DNS-004 aws_route53_zone.Zone templates/names.yaml:3:3",
      "IFL-ADDR-009 aws_route53_record.Records[0] templates/names.yaml:15:29",
      "IFL-DNS-001 aws_route53_record.Records[1] templates/names.yaml:19:29",
      "IFL-EXP-014 aws_ssm_parameter.Pds templates/names.yaml:24:14",
    ]);
  });

  it("rain merge fragments beside the merged template: each resource read once, in the merged template", () => {
    // Read on their own, the fragments would report Front twice and, their association cut off from
    // the stack's stages, leave every stage of the scan unjudged.
    expect(findingsIn("merged")).toEqual([
      "IFL-WAF-001 aws_lb.Front merged/template.yaml:5:3",
      "IFL-WAF-003 aws_api_gateway_stage.ProxyliveStage merged/template.yaml:19:3",
    ]);
  });

  it("templates that only share logical ids and types are each their own, not one another's fragments", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-shared-ids-"));
    mkdirSync(join(directory, ".git"));
    const template = (scheme: string, extra: string) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties: { Scheme: ${scheme}, Subnets: [subnet-1, subnet-2] }\n  HttpListener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Alb\n      Port: 80\n      Protocol: HTTP\n      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "200" } }]\n${extra}`;
    for (const [name, text] of [
      ["app/public-alb.yaml", template("internet-facing", "")],
      ["other/internal-alb.yaml", template("internal", "  Logs:\n    Type: AWS::S3::Bucket\n")],
    ]) {
      mkdirSync(join(directory, name, ".."), { recursive: true });
      writeFileSync(join(directory, name), text);
    }
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.range.file.path.startsWith("app/"))
        .map((finding) => `${finding.ruleId} ${finding.resource}`),
    ).toEqual(["IFL-WAF-001 aws_lb.Alb", "IFL-TLS-001 aws_lb_listener.HttpListener"]);
  });

  it("a cache behaviour's Lambda@Edge or CloudFront function at viewer-response may add HSTS: not reported", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-edge-code-"));
    const distribution = (code: string) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  EdgeArn: { Type: String }\nResources:\n  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        WebACLId: arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1\n        Origins: [{ Id: site, DomainName: www.example.org, CustomOriginConfig: { OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2] } }]\n        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: redirect-to-https\n${code}`;
    for (const [name, code] of [
      [
        "lambda.yaml",
        "          LambdaFunctionAssociations: [{ EventType: viewer-response, LambdaFunctionARN: !Ref EdgeArn }]\n",
      ],
      [
        "function.yaml",
        "          FunctionAssociations: [{ EventType: viewer-response, FunctionARN: !Ref EdgeArn }]\n",
      ],
      [
        "request-only.yaml",
        "          FunctionAssociations: [{ EventType: viewer-request, FunctionARN: !Ref EdgeArn }]\n",
      ],
    ])
      writeFileSync(join(directory, name), distribution(code));
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-TLS-016")
        .map((finding) => `${finding.range.file.path} ${finding.certainty}`),
    ).toEqual(["request-only.yaml definite"]);
  });

  it("SAM's implicit API exists under the Or of the conditions of the functions whose events make it", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-sam-implicit-condition-"));
    const fn = (name: string, condition?: string) =>
      `  ${name}:\n    Type: AWS::Serverless::Function\n${condition ? `    Condition: ${condition}\n` : ""}    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      InlineCode: "x"\n      Events:\n        Get: { Type: Api, Properties: { Path: /${name}, Method: get } }\n`;
    const template = (functions: string) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nParameters:\n  Stage: { Type: String }\nConditions:\n  Never: !Equals [a, b]\n  Live: !Equals [!Ref Stage, live]\nResources:\n${functions}`;
    for (const [name, functions] of [
      ["never.yaml", fn("One", "Never") + fn("Two", "Never")],
      ["maybe.yaml", fn("One", "Never") + fn("Two", "Live")],
      ["always.yaml", fn("One", "Never") + fn("Two")],
    ])
      writeFileSync(join(directory, name), template(functions));
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-WAF-003")
        .map((finding) => `${finding.range.file.path} ${finding.certainty}`),
    ).toEqual(["always.yaml definite", "maybe.yaml conditional"]);
  });

  it("a parameter's default deciding a condition makes what the condition decides rest on that default", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-condition-default-"));
    const listener = (name: string, lines: string) =>
      `  ${name}:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n${lines}    Properties:\n      LoadBalancerArn: !Ref Alb\n      Port: 80\n      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "200" } }]\n`;
    writeFileSync(
      join(directory, "template.yaml"),
      `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  EnableHttps: { Type: String, Default: "false" }\nConditions:\n  Https: !Equals [!Ref EnableHttps, "true"]\n  NotHttps: !Not [{ Condition: Https }]\nResources:\n  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties: { Scheme: internet-facing, Subnets: [subnet-1, subnet-2] }\n` +
        listener("ViaIf", "").replace(
          "      Port: 80\n",
          "      Port: 80\n      Protocol: !If [Https, HTTPS, HTTP]\n",
        ) +
        listener("OnlyWithoutHttps", "    Condition: NotHttps\n").replace(
          "      Port: 80\n",
          "      Port: 80\n      Protocol: HTTP\n",
        ),
    );
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-TLS-001")
        .map((finding) => `${finding.ruleId} ${finding.resource} ${finding.certainty}`),
    ).toEqual(["IFL-TLS-001 aws_lb_listener.ViaIf default", "IFL-TLS-001 aws_lb_listener.OnlyWithoutHttps default"]);
  });

  it("AWS::LanguageExtensions loops: one resource per value, the identifier replaced; loops over unknown values a warning", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-foreach-"));
    writeFileSync(
      join(directory, "template.yaml"),
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        "Transform: AWS::LanguageExtensions",
        "Parameters:",
        '  Sites: { Type: CommaDelimitedList, Default: "pacs-viewer,ris" }',
        "  Others: { Type: CommaDelimitedList }",
        "Resources:",
        "  Fn::ForEach::Sites:",
        "    - Site",
        "    - !Ref Sites",
        "    - '&{Site}Alb':",
        "        Type: AWS::ElasticLoadBalancingV2::LoadBalancer",
        "        Properties: { Scheme: internet-facing, Name: !Sub '${Site}-alb', Subnets: [subnet-1, subnet-2] }",
        "      '&{Site}Http':",
        "        Type: AWS::ElasticLoadBalancingV2::Listener",
        "        Properties:",
        "          LoadBalancerArn: !Ref '&{Site}Alb'",
        "          Port: 80",
        "          Protocol: HTTP",
        '          DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "200" } }]',
        "  Fn::ForEach::Others:",
        "    - Other",
        "    - !Ref Others",
        "    - ${Other}Alb:",
        "        Type: AWS::ElasticLoadBalancingV2::LoadBalancer",
        "        Properties: { Scheme: internet-facing }",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings.map(
        (finding) =>
          `${finding.ruleId} ${finding.resource ?? "-"} ${finding.range.start.line} ${finding.certainty ?? ""}`,
      ),
    ).toEqual([
      "IFL-WAF-001 aws_lb.pacsviewerAlb 10 definite",
      "IFL-WAF-001 aws_lb.risAlb 10 definite",
      // Each listener is on its own copy's load balancer (Ref: &{Site}Alb), known to be internet-facing.
      "IFL-TLS-001 aws_lb_listener.pacsviewerHttp 18 definite",
      "IFL-TLS-001 aws_lb_listener.risHttp 18 definite",
      "foreach-not-expanded - 20 ",
    ]);
  });

  it("Fn::ImportValue of a name one template of the repository exports is that output, across stacks", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-import-"));
    mkdirSync(join(directory, ".git"));
    const alb = (exportName: string) =>
      JSON.stringify({
        Resources: {
          Alb: {
            Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Properties: { Scheme: "internet-facing", Subnets: ["subnet-1", "subnet-2"] },
          },
        },
        Outputs: { AlbArn: { Value: { Ref: "Alb" }, Export: { Name: exportName } } },
      });
    const association = (importName: string) =>
      JSON.stringify({
        Resources: {
          Protect: {
            Type: "AWS::WAFv2::WebACLAssociation",
            Properties: { ResourceArn: { "Fn::ImportValue": importName }, WebACLArn: "arn:aws:wafv2:acl" },
          },
        },
      });
    mkdirSync(join(directory, "app"));
    writeFileSync(join(directory, "app", "Alb.template.json"), alb("Alb:ExportsOutputRefAlb"));
    writeFileSync(join(directory, "app", "Waf.template.json"), association("Alb:ExportsOutputRefAlb"));
    // The same name exported twice (an app built for two environments): which one is not known.
    mkdirSync(join(directory, "twice"));
    writeFileSync(join(directory, "twice", "AlbDev.template.json"), alb("Twice:Alb"));
    writeFileSync(join(directory, "twice", "AlbProd.template.json"), alb("Twice:Alb"));
    writeFileSync(join(directory, "twice", "Waf.template.json"), association("Twice:Alb"));
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-WAF-001")
        .map((finding) => `${finding.range.file.path} ${finding.certainty}`),
    ).toEqual(["twice/AlbDev.template.json conditional", "twice/AlbProd.template.json conditional"]);
  });

  it("a distribution without ViewerCertificate uses the default certificate", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-default-certificate-"));
    writeFileSync(
      join(directory, "template.yaml"),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins: [{ Id: site, DomainName: www.example.org, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]\n        DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https }\n',
    );
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-TLS-004")
        .map((finding) => `${finding.range.start.line} ${finding.message}`),
    ).toEqual([
      "3 Distribution aws_cloudfront_distribution.Cdn uses the default CloudFront certificate, which accepts TLS 1.0 and serves the service on a cloudfront.net name.",
    ]);
  });

  it("an HTTP API only clients with a certificate can call (mutual TLS on its only domain, execute-api disabled)", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-mutual-tls-"));
    writeFileSync(
      join(directory, "template.yaml"),
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: records
      ProtocolType: HTTP
      DisableExecuteApiEndpoint: true
  Domain:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: records.example.nhs.uk
      DomainNameConfigurations:
        - CertificateArn: arn:aws:acm:eu-west-2:123456789012:certificate/abc
          EndpointType: REGIONAL
          SecurityPolicy: TLS_1_2
      MutualTlsAuthentication:
        TruststoreUri: s3://example-truststore/ca.pem
  Mapping:
    Type: AWS::ApiGatewayV2::ApiMapping
    Properties:
      ApiId: !Ref Api
      DomainName: !Ref Domain
      Stage: $default
`,
    );
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-WAF-009")
        .map((finding) => [finding.range.start.line, finding.severity, finding.messageId]),
    ).toEqual([[3, "warning", "mutualTlsOnly"]]);
  });

  it("a search domain that leaves endpoint options out gets the service's defaults: conditional findings", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-search-defaults-"));
    writeFileSync(
      join(directory, "template.yaml"),
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        "Resources:",
        "  Search:",
        "    Type: AWS::OpenSearchService::Domain",
        "    Properties:",
        "      EngineVersion: OpenSearch_2.11",
        "  Legacy:",
        "    Type: AWS::Elasticsearch::Domain",
        "    Properties:",
        "      DomainEndpointOptions:",
        "        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [directory], cwd: directory });
    expect(
      result.findings
        .filter((finding) => finding.ruleId === "IFL-TLS-011")
        .map(
          (finding) =>
            `${finding.range.start.line}:${finding.range.start.column} ${finding.certainty} ${finding.message}`,
        ),
    ).toEqual([
      "3:3 conditional Search domain aws_opensearch_domain.Search sets no domain_endpoint_options, so the service's defaults apply: HTTPS is not required and TLS 1.0 is accepted.",
      "10:7 conditional Search domain aws_elasticsearch_domain.Legacy does not set enforce_https, so the service's default applies: HTTPS is not required.",
    ]);
  });

  it("parameters given with --cfn-parameters override defaults and decide conditions", () => {
    const findings = findingsIn("templates/web.yaml", { cfnParameters: { Environment: "test" } });
    expect(findings).toContain("IFL-WAF-001 aws_lb.TestOnlyAlb templates/web.yaml:49:3");
    // No `test` entry in the mapping: the listener's policy is unknown, not reported.
    expect(findings.filter((finding) => finding.startsWith("IFL-TLS-002"))).toEqual([]);
  });

  it("JSON (a CDK-style *.template.json without AWSTemplateFormatVersion): references by Ref and GetAtt", () => {
    expect(findingsIn("json")).toEqual([
      "IFL-WAF-007 aws_wafv2_web_acl.Acl json/stack.template.json:18:5",
      "IFL-WAF-007 aws_wafv2_web_acl.Acl json/stack.template.json:18:5",
      "IFL-WAF-008 aws_wafv2_web_acl.Acl json/stack.template.json:18:5",
    ]);
  });

  it("SAM: the APIs, stages, domains and functions the transform creates, implicit ServerlessRestApi included", () => {
    expect(findingsIn("sam")).toEqual([
      "IFL-ADDR-005 aws_lambda_function.Referrals sam/template.yaml:9:22",
      "IFL-ADDR-005 aws_lambda_function.Status sam/template.yaml:9:22",
      "IFL-TLS-005 aws_api_gateway_domain_name.ReferralsApiDomainName sam/template.yaml:16:7",
      "IFL-WAF-003 aws_api_gateway_stage.ServerlessRestApiProdStage sam/template.yaml:35:9",
      "IFL-WAF-009 aws_apigatewayv2_api.Events sam/template.yaml:40:3",
    ]);
  });

  it("samconfig.toml parameter_overrides: agreed values are used, values that differ between environments are unknown", () => {
    expect(findingsIn("samconfig")).toEqual([
      "IFL-WAF-003 aws_api_gateway_stage.Apiv1Stage samconfig/template.yaml:11:3",
      "IFL-TLS-005 aws_api_gateway_domain_name.ApiDomainName samconfig/template.yaml:18:25",
      "IFL-WAF-001 aws_lb.MaybeAlb samconfig/template.yaml:19:3",
    ]);
    const result = scan({ paths: ["samconfig"], cwd: root });
    const alb = result.findings.find((finding) => finding.ruleId === "IFL-WAF-001");
    expect(alb?.certainty).toBe("conditional");
    // samconfig.toml is for `sam deploy` from a laptop: a pipeline may pass other values.
    expect(result.findings.find((finding) => finding.ruleId === "IFL-TLS-005")?.certainty).toBe("default");
  });

  it("samconfig.yaml parameter_overrides (a string or a list, in any command's parameters) are read as samconfig.toml's", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-samconfig-yaml-"));
    try {
      writeFileSync(join(directory, "template.yaml"), readFileSync(join(root, "samconfig", "template.yaml")));
      writeFileSync(
        join(directory, "samconfig.yaml"),
        "version: 0.1\ndefault:\n  deploy:\n    parameters:\n      stack_name: referrals\n      parameter_overrides: 'Policy=\"TLS_1_0\" Stage=dev'\n" +
          "live:\n  deploy:\n    parameters:\n      parameter_overrides:\n        - Policy=TLS_1_0\n        - Stage=live\n",
      );
      expect(findingsIn(directory, { cwd: directory })).toEqual([
        "IFL-WAF-003 aws_api_gateway_stage.Apiv1Stage template.yaml:11:3",
        "IFL-TLS-005 aws_api_gateway_domain_name.ApiDomainName template.yaml:18:25",
        "IFL-WAF-001 aws_lb.MaybeAlb template.yaml:19:3",
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("a samconfig that is a FIFO or a link out of the scan is not read: the scan ends, on the template's defaults", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-samconfig-special-"));
    const outside = mkdtempSync(join(tmpdir(), "iflint-samconfig-outside-"));
    try {
      for (const name of ["fifo", "linked"]) {
        mkdirSync(join(directory, name));
        writeFileSync(join(directory, name, "template.yaml"), readFileSync(join(root, "samconfig", "template.yaml")));
      }
      execFileSync("mkfifo", [join(directory, "fifo", "samconfig.toml")]);
      writeFileSync(join(outside, "samconfig.toml"), 'parameter_overrides = "Policy=TLS_1_0 Stage=dev"\n');
      symlinkSync(join(outside, "samconfig.toml"), join(directory, "linked", "samconfig.toml"));
      // With the defaults (TLS_1_2, no Stage: the load balancer may exist) there is no TLS finding.
      expect(findingsIn(directory, { cwd: directory })).toEqual([
        "IFL-WAF-003 aws_api_gateway_stage.Apiv1Stage fifo/template.yaml:11:3",
        "IFL-WAF-001 aws_lb.MaybeAlb fifo/template.yaml:19:3",
        "IFL-WAF-003 aws_api_gateway_stage.Apiv1Stage linked/template.yaml:11:3",
        "IFL-WAF-001 aws_lb.MaybeAlb linked/template.yaml:19:3",
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("nested stacks pass their parameters to the templates they nest in the repository; a template scanned alone takes its own", () => {
    // web.yaml is internet-facing with an old TLS policy only as parent.yaml nests it; api.yaml is
    // internet-facing by default, but its parent makes it internal.
    expect(findingsIn("nested")).toEqual([
      "IFL-WAF-001 aws_lb.Alb nested/stacks/web.yaml:11:3",
      "IFL-TLS-002 aws_lb_listener.Https nested/stacks/web.yaml:23:18",
    ]);
    const result = scan({ paths: ["nested"], cwd: root });
    expect(result.findings.map((finding) => finding.certainty)).toEqual(["definite", "definite"]);
    // A name built from the parent's own default rests on that default.
    const alb = result.estate.resources.find(
      (resource) => resource.address === "aws_lb.Alb" && resource.module.root.includes("web"),
    );
    expect([alb?.value("name"), alb?.attribute("name")?.certainty]).toEqual(["portal-live", "default"]);
    expect(findingsIn("nested/stacks")).toEqual([
      "IFL-WAF-001 aws_lb.Alb nested/stacks/api.yaml:7:3",
      "IFL-TLS-001 aws_lb_listener.Http nested/stacks/api.yaml:17:17",
    ]);
  });

  it("a nested stack naming what sam build writes (.aws-sam/, never committed) passes its parameters to the source template", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-nested-built-"));
    try {
      mkdirSync(join(directory, "svc"));
      writeFileSync(
        join(directory, "root.yaml"),
        "Resources:\n  Svc:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./svc/.aws-sam/build/template.yaml\n      Parameters:\n        Scheme: internet-facing\n",
      );
      writeFileSync(
        join(directory, "svc", "template.yaml"),
        "Parameters:\n  Scheme:\n    Type: String\n    Default: internal\nResources:\n  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Scheme: !Ref Scheme\n      Type: application\n" +
          '  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Alb\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: fixed-response\n          FixedResponseConfig:\n            StatusCode: "200"\n',
      );
      const waf = () => findingsIn(directory, { cwd: directory }).filter((line) => line.startsWith("IFL-WAF-001"));
      expect(waf()).toEqual(["IFL-WAF-001 aws_lb.Alb svc/template.yaml:6:3"]);
      // A template in another repository never takes what a stack here passes: it is judged as scanned alone.
      mkdirSync(join(directory, "svc", ".git"));
      expect(waf()).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("a template nested by stacks that pass different values takes neither; a loop of nesting templates ends", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-nested-"));
    try {
      const parent = (scheme: string, child: string) =>
        `Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${child}\n      Parameters:\n        Scheme: ${scheme}\n`;
      writeFileSync(join(directory, "a.yaml"), parent("internet-facing", "child.yaml"));
      writeFileSync(join(directory, "b.yaml"), parent("internal", "./child.yaml"));
      writeFileSync(join(directory, "loop-1.yaml"), parent("internal", "loop-2.yaml"));
      writeFileSync(join(directory, "loop-2.yaml"), parent("internal", "loop-1.yaml"));
      writeFileSync(
        join(directory, "child.yaml"),
        "Parameters:\n  Scheme:\n    Type: String\nResources:\n  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Scheme: !Ref Scheme\n      Type: application\n",
      );
      const result = scan({ paths: [directory], cwd: directory });
      const scheme = result.estate.resources.find((resource) => resource.address === "aws_lb.Alb")?.value("internal");
      expect(isUnknown(scheme)).toBe(true);
      expect(result.findings).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('a nested stack\'s parameter values arrive as strings, as CloudFormation passes them (true as "true")', () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-nested-strings-"));
    try {
      writeFileSync(
        join(directory, "root.yaml"),
        "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters:\n        Public: true\n",
      );
      writeFileSync(
        join(directory, "child.yaml"),
        'Parameters:\n  Public:\n    Type: String\nConditions:\n  IsPublic: !Equals [!Ref Public, "true"]\nResources:\n  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Scheme: !If [IsPublic, internet-facing, internal]\n      Type: application\n',
      );
      const result = scan({ paths: [directory], cwd: directory });
      expect(result.estate.resources.find((resource) => resource.address === "aws_lb.Alb")?.value("internal")).toBe(
        false,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("a template that does not parse is a positioned parse error; YAML that is not a template is not read", () => {
    expect(findingsIn("broken")).toEqual(["parse-error - broken/template.yaml:7:1"]);
    const result = scan({ paths: ["not-templates"], cwd: root });
    expect(result.findings).toEqual([]);
    expect(result.discovery.files).toEqual([]);
  });

  it("suppressions: # iflint-ignore above a resource covers its indented block, at the end of a line that line; Metadata iflint ignore entries cover their resource and need a reason", () => {
    const result = scan({ paths: ["suppressions"], cwd: root, today: "2026-12-07" });
    expect(
      result.findings.map(
        (finding) =>
          `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column} ${finding.suppressed ? `suppressed: ${finding.justification}` : "reported"}`,
      ),
    ).toEqual([
      "IFL-WAF-001 4:3 suppressed: Behind the NHS Secure Boundary until the WAF is in place",
      "IFL-TLS-001 13:17 suppressed: Partner integration, HTTPS from April",
      "IFL-WAF-001 18:3 suppressed: Protected by the trust's Firewall Manager policy",
      "iflint-ignore 25:13 reported",
      "IFL-TLS-001 32:17 suppressed: Health checks from the partner's monitor",
    ]);
  });

  it("a resource tagged into an AWS Firewall Manager WAF policy: WAF for its kind in its template is unknown, not absent", () => {
    const result = scan({ paths: ["firewall-manager"], cwd: root });
    expect(result.findings).toEqual([]);
    const outcome = (id: string) => result.outcomes.find((item) => item.ruleId === id);
    expect(outcome("IFL-WAF-003")).toMatchObject({ failed: 0, unknown: 2 });
    expect(outcome("IFL-WAF-001")).toMatchObject({ failed: 0, unknown: 1 });
  });

  it("hostile templates (nesting 100,000 deep, a YAML alias bomb) are a positioned parse error or unknown values, never a crash", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cfn-"));
    try {
      const deep = 100_000;
      const head =
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ';
      writeFileSync(join(directory, "deep.yaml"), `${head}${"[".repeat(deep)}${"]".repeat(deep)}\n`);
      writeFileSync(
        join(directory, "deep.json"),
        `{"Resources":{"A":{"Type":"AWS::S3::Bucket","Properties":{"X":${"[".repeat(deep)}${"]".repeat(deep)}}}}}`,
      );
      const bomb = ['AWSTemplateFormatVersion: "2010-09-09"', "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
      for (let level = 1; level < 12; level++)
        bomb.push(
          `x${level}: &a${level} [${Array(9)
            .fill(`*a${level - 1}`)
            .join(", ")}]`,
        );
      bomb.push(
        "Resources:",
        "  A:",
        "    Type: AWS::SSM::Parameter",
        "    Properties:",
        '      Value: !Join ["", *a11]',
      );
      writeFileSync(join(directory, "bomb.yaml"), `${bomb.join("\n")}\n`);
      const result = scan({ paths: [directory], cwd: directory });
      expect(
        result.findings.map(
          (finding) =>
            `${finding.ruleId} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
        ),
      ).toEqual(["parse-error deep.json:1:1059", "parse-error deep.yaml:6:1010"]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
