/**
 * Plan JSON after the first apply: links between resources hold values known by then (an ARN, a
 * DNS name), not references. They are traced from the configuration and from the ARNs the plan
 * (or its prior state) gives each resource.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { isUnknown } from "../src/model/value.js";
import { listenerLoadBalancers, listenerTargetGroups } from "../rules/shared/aws-load-balancers.js";

const LB_ARN = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/intranet/0123456789abcdef";
const PUBLIC_LB_ARN = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/fedcba9876543210";

interface PlannedResource {
  address: string;
  values: Record<string, unknown>;
  /** `expressions` of its configuration resource. */
  expressions?: Record<string, unknown>;
  index?: string | number;
  afterUnknown?: Record<string, unknown>;
}

/** A `terraform show -json` plan of resources in the root module and in module calls (`module.alb[0]`). */
function planDocument(
  modules: Record<string, PlannedResource[]>,
  options: {
    prior?: boolean;
    calls?: Record<string, { outputs: Record<string, string[]> }>;
    configuration?: boolean;
  } = {},
): string {
  const resource = (item: PlannedResource, module: string) => {
    const [type, name] = item.address
      .slice(module ? module.length + 1 : 0)
      .replace(/\[[^\]]*\]$/, "")
      .split(".");
    return {
      address: item.address,
      mode: "managed",
      type,
      name,
      ...(item.index === undefined ? {} : { index: item.index }),
      values: item.values,
    };
  };
  const moduleValues = (address: string) => ({
    ...(address ? { address } : {}),
    resources: modules[address].map((item) => resource(item, address)),
  });
  const root = {
    ...moduleValues(""),
    child_modules: Object.keys(modules)
      .filter((address) => address)
      .map(moduleValues),
  };
  const configured = (address: string) => {
    const seen = new Set<string>();
    return modules[address].flatMap((item) => {
      const { type, name } = resource(item, address);
      if (seen.has(`${type}.${name}`)) return [];
      seen.add(`${type}.${name}`);
      return [{ address: `${type}.${name}`, mode: "managed", type, name, expressions: item.expressions ?? {} }];
    });
  };
  const calls = Object.fromEntries(
    Object.entries(options.calls ?? {}).map(([name, call]) => {
      const address = Object.keys(modules).find(
        (candidate) => candidate.replace(/\[[^\]]*\]$/, "") === `module.${name}`,
      )!;
      return [
        name,
        {
          source: `./modules/${name}`,
          module: {
            resources: configured(address),
            outputs: Object.fromEntries(
              Object.entries(call.outputs).map(([output, references]) => [output, { expression: { references } }]),
            ),
          },
        },
      ];
    }),
  );
  const changes = Object.values(modules)
    .flat()
    .map((item) => ({
      address: item.address,
      change: { actions: ["no-op"], after: item.values, after_unknown: item.afterUnknown ?? {} },
    }));
  return JSON.stringify(
    {
      format_version: "1.2",
      planned_values: { root_module: root },
      resource_changes: changes,
      ...(options.prior ? { prior_state: { values: { root_module: root } } } : {}),
      ...(options.configuration === false
        ? {}
        : { configuration: { root_module: { resources: configured(""), module_calls: calls } } }),
    },
    null,
    1,
  );
}

function scanPlan(plan: string, ...ruleIds: string[]) {
  const directory = mkdtempSync(join(tmpdir(), "iflint-plan-links-"));
  writeFileSync(join(directory, "plan.json"), plan);
  return scan({ paths: [directory], cwd: directory, rules: ruleIds.map((id) => findRule(id)!) });
}

const findingsOf = (result: ReturnType<typeof scanPlan>) =>
  result.findings.map((finding) => [finding.ruleId, finding.resource, finding.range.start.line, finding.message]);

const listener = (address: string, loadBalancerArn: unknown, references: string[]): PlannedResource => ({
  address,
  values: {
    load_balancer_arn: loadBalancerArn,
    port: 443,
    protocol: "HTTPS",
    ssl_policy: "ELBSecurityPolicy-2016-08",
    certificate_arn: "arn:aws:acm:eu-west-2:111122223333:certificate/x",
  },
  expressions: { load_balancer_arn: { references } },
});

describe("plan JSON links after the first apply", () => {
  it("links a listener to its load balancer by the configuration when the ARN is known (internal: no finding)", () => {
    const plan = planDocument({
      "": [
        { address: "aws_lb.intranet", values: { arn: LB_ARN, name: "intranet", internal: true } },
        listener("aws_lb_listener.https", LB_ARN, ["aws_lb.intranet.arn", "aws_lb.intranet"]),
      ],
    });
    const result = scanPlan(plan, "IFL-TLS-002");
    expect(findingsOf(result)).toEqual([]);
    const found = result.estate.resources.find((resource) => resource.resourceType === "aws_lb_listener")!;
    expect(listenerLoadBalancers(result.estate, found).map((resource) => resource.address)).toEqual([
      "aws_lb.intranet",
    ]);
  });

  it("links by the ARN alone, as in a state with no configuration, and by the prior state's ARN", () => {
    const state = planDocument(
      {
        "": [
          { address: "aws_lb.intranet", values: { arn: LB_ARN, internal: true } },
          listener("aws_lb_listener.https", LB_ARN, []),
        ],
      },
      { configuration: false },
    );
    expect(findingsOf(scanPlan(state, "IFL-TLS-002"))).toEqual([]);
    // The load balancer's planned ARN is not known (an update that may replace it); the prior state has it.
    const plan = planDocument(
      {
        "": [
          { address: "aws_lb.intranet", values: { internal: true }, afterUnknown: { arn: true } },
          listener("aws_lb_listener.https", LB_ARN, []),
        ],
      },
      { configuration: false, prior: true },
    );
    const prior = JSON.parse(plan) as { prior_state: { values: { root_module: { resources: { values: object }[] } } } };
    prior.prior_state.values.root_module.resources[0].values = { arn: LB_ARN, internal: true };
    expect(findingsOf(scanPlan(JSON.stringify(prior, null, 1), "IFL-TLS-002"))).toEqual([]);
  });

  it("links across module instances (count) and keeps each listener with its own load balancer", () => {
    const plan = planDocument(
      {
        "": [],
        "module.alb[0]": [
          { address: "module.alb[0].aws_lb.this", values: { arn: LB_ARN, internal: true } },
          listener("module.alb[0].aws_lb_listener.https", LB_ARN, ["aws_lb.this.arn", "aws_lb.this"]),
        ],
        "module.alb[1]": [
          { address: "module.alb[1].aws_lb.this", values: { arn: PUBLIC_LB_ARN, internal: false } },
          listener("module.alb[1].aws_lb_listener.https", PUBLIC_LB_ARN, ["aws_lb.this.arn", "aws_lb.this"]),
        ],
      },
      { calls: { alb: { outputs: {} } } },
    );
    expect(findingsOf(scanPlan(plan, "IFL-TLS-002"))).toEqual([
      [
        "IFL-TLS-002",
        "module.alb[1].aws_lb_listener.https",
        expect.any(Number),
        "Listener module.alb[1].aws_lb_listener.https uses ELBSecurityPolicy-2016-08, which allows TLS 1.0.",
      ],
    ]);
  });

  it("links a WAF association by its known resource_arn: the load balancer is protected", () => {
    const plan = planDocument({
      "": [
        { address: "aws_lb.portal", values: { arn: PUBLIC_LB_ARN, internal: false } },
        {
          address: "aws_wafv2_web_acl_association.portal",
          values: {
            resource_arn: PUBLIC_LB_ARN,
            web_acl_arn: "arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/portal/abcd",
          },
          expressions: { resource_arn: { references: ["aws_lb.portal.arn", "aws_lb.portal"] } },
        },
      ],
    });
    const result = scanPlan(plan, "IFL-WAF-001");
    expect(findingsOf(result)).toEqual([]);
    expect(result.outcomes.map(({ ruleId, failed, passed, unknown }) => ({ ruleId, failed, passed, unknown }))).toEqual(
      [{ ruleId: "IFL-WAF-001", failed: 0, passed: 1, unknown: 0 }],
    );
  });

  it("links a Route 53 alias to a load balancer made in a module, by the DNS name its output copies", () => {
    const dnsName = "portal-1234567890.eu-west-2.elb.amazonaws.com";
    const plan = planDocument(
      {
        "": [
          {
            address: "aws_route53_zone.public",
            values: { id: "Z0PUBLIC", zone_id: "Z0PUBLIC", name: "example.nhs.uk" },
          },
          {
            address: "aws_route53_record.portal",
            values: {
              zone_id: "Z0PUBLIC",
              name: "portal.example.nhs.uk",
              type: "A",
              alias: [{ name: dnsName, zone_id: "ZHURV8PSTC4K8", evaluate_target_health: true }],
            },
            expressions: {
              zone_id: { references: ["aws_route53_zone.public.zone_id", "aws_route53_zone.public"] },
              alias: [
                {
                  name: { references: ["module.alb.dns_name", "module.alb"] },
                  zone_id: { references: ["module.alb.zone_id", "module.alb"] },
                },
              ],
            },
          },
        ],
        "module.alb": [
          {
            address: "module.alb.aws_lb.this",
            values: { arn: LB_ARN, internal: true, dns_name: dnsName, zone_id: "ZHURV8PSTC4K8" },
          },
        ],
      },
      {
        calls: {
          alb: {
            outputs: {
              dns_name: ["aws_lb.this.dns_name", "aws_lb.this"],
              zone_id: ["aws_lb.this.zone_id", "aws_lb.this"],
            },
          },
        },
      },
    );
    const result = scanPlan(plan, "IFL-EXP-004");
    expect(findingsOf(result)).toEqual([
      [
        "IFL-EXP-004",
        "aws_route53_record.portal",
        expect.any(Number),
        "A record portal.example.nhs.uk in public zone example.nhs.uk points at module.alb.aws_lb.this, an internal load balancer: internet users cannot reach it.",
      ],
    ]);
  });

  it("does not take a value several resources share (a region's load balancer zone id) as naming one", () => {
    const plan = planDocument({
      "": [
        { address: "aws_lb.a", values: { arn: LB_ARN, zone_id: "ZHURV8PSTC4K8" } },
        { address: "aws_lb.b", values: { arn: PUBLIC_LB_ARN, zone_id: "ZHURV8PSTC4K8" } },
        {
          address: "aws_route53_record.a",
          values: { alias: [{ zone_id: "ZHURV8PSTC4K8" }] },
          expressions: { alias: [{ zone_id: { references: ["aws_lb.a.zone_id", "aws_lb.a"] } }] },
        },
        {
          address: "aws_route53_record.b",
          values: { alias: [{ zone_id: "ZHURV8PSTC4K8" }] },
          expressions: { alias: [{ zone_id: { references: ["aws_lb.b.zone_id", "aws_lb.b"] } }] },
        },
      ],
    });
    const result = scanPlan(plan, "IFL-EXP-004");
    expect(result.estate.referencedResources("ZHURV8PSTC4K8")).toEqual([]);
    expect(result.estate.referencedResources(LB_ARN).map((resource) => resource.address)).toEqual(["aws_lb.a"]);
  });

  it("gives an argument of a nested block known only after apply its configured references", () => {
    const plan = planDocument({
      "": [
        { address: "aws_lb.portal", values: { internal: false }, afterUnknown: { arn: true } },
        { address: "aws_lb_target_group.app", values: { port: 443 }, afterUnknown: { arn: true } },
        {
          address: "aws_lb_listener.https",
          values: { port: 443, protocol: "HTTPS", default_action: [{ type: "forward" }] },
          afterUnknown: { load_balancer_arn: true, default_action: [{ target_group_arn: true }] },
          expressions: {
            load_balancer_arn: { references: ["aws_lb.portal.arn", "aws_lb.portal"] },
            default_action: [
              { target_group_arn: { references: ["aws_lb_target_group.app.arn", "aws_lb_target_group.app"] } },
            ],
          },
        },
      ],
    });
    const result = scanPlan(plan, "IFL-TLS-002");
    const found = result.estate.resources.find((resource) => resource.resourceType === "aws_lb_listener")!;
    expect(isUnknown(found.blocksOfType("default_action")[0].value("target_group_arn"))).toBe(true);
    expect(listenerTargetGroups(result.estate, found).map((resource) => resource.address)).toEqual([
      "aws_lb_target_group.app",
    ]);
  });
});
