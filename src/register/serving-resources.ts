/**
 * The resources that serve a register row: from an entry point (a load balancer, an API, a
 * distribution) through its listeners, target groups, integrations and origins to the compute
 * behind it (ECS services and task definitions, Lambda functions, instances, web apps), and the
 * configuration that compute reads (an SSM parameter, a Key Vault secret). A dependency written in
 * any of them (an HSCN-only national service host) is a dependency of the service.
 *
 * The walk follows references both ways, but only through resource types that carry traffic to the
 * service; shared infrastructure (VPCs, subnets, security groups, roles, clusters) is never walked
 * through, so two services in one network do not inherit each other's dependencies.
 */
import type { Estate } from "../model/estate.js";
import type { BlockNode, ResourceNode } from "../model/nodes.js";

/** Compute that reads configuration: what it reads (parameters, secrets) belongs to the service, though it is not walked through. */
const READS_CONFIGURATION = new Set([
  "aws_ecs_task_definition",
  "aws_lambda_function",
  "aws_instance",
  "aws_launch_template",
  "aws_launch_configuration",
  "aws_apprunner_service",
  "aws_elastic_beanstalk_environment",
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_linux_web_app_slot",
  "azurerm_windows_web_app_slot",
  "azurerm_app_service",
  "azurerm_app_service_slot",
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_linux_function_app_slot",
  "azurerm_windows_function_app_slot",
  "azurerm_function_app",
  "azurerm_container_app",
]);

/** Resource types on the path from an entry point to the compute that answers it, and that compute. */
const SERVING = new Set([
  ...READS_CONFIGURATION,
  "aws_lb",
  "aws_alb",
  "aws_lb_listener",
  "aws_alb_listener",
  "aws_lb_listener_rule",
  "aws_alb_listener_rule",
  "aws_lb_target_group",
  "aws_alb_target_group",
  "aws_lb_target_group_attachment",
  "aws_alb_target_group_attachment",
  "aws_autoscaling_group",
  "aws_autoscaling_attachment",
  "aws_ecs_service",
  "aws_lambda_alias",
  "aws_lambda_permission",
  "aws_lambda_function_url",
  "aws_api_gateway_rest_api",
  "aws_api_gateway_resource",
  "aws_api_gateway_method",
  "aws_api_gateway_integration",
  "aws_api_gateway_deployment",
  "aws_api_gateway_stage",
  "aws_api_gateway_base_path_mapping",
  "aws_api_gateway_domain_name",
  "aws_apigatewayv2_api",
  "aws_apigatewayv2_integration",
  "aws_apigatewayv2_route",
  "aws_apigatewayv2_stage",
  "aws_apigatewayv2_domain_name",
  "aws_apigatewayv2_api_mapping",
  "aws_appsync_graphql_api",
  "aws_appsync_datasource",
  "aws_appsync_resolver",
  "aws_cloudfront_distribution",
  "azurerm_application_gateway",
  "azurerm_api_management",
  "azurerm_api_management_api",
  "azurerm_api_management_backend",
  "azurerm_cdn_frontdoor_endpoint",
  "azurerm_cdn_frontdoor_route",
  "azurerm_cdn_frontdoor_origin_group",
  "azurerm_cdn_frontdoor_origin",
]);

/** Far enough for a domain → API → integration → function, or a load balancer → listener → target group → ECS service → task. */
const MAX_DEPTH = 8;

export class ServingGraph {
  private readonly outgoing = new Map<ResourceNode, ResourceNode[]>();
  private readonly incoming = new Map<ResourceNode, ResourceNode[]>();

  constructor(estate: Estate) {
    for (const resource of estate.resources) {
      const targets = [
        ...new Set(
          valuesIn(resource)
            .flatMap((value) => estate.referencedResources(value))
            .filter((target) => target !== resource && target.module.root === resource.module.root),
        ),
      ];
      this.outgoing.set(resource, targets);
      for (const target of targets) {
        const list = this.incoming.get(target) ?? [];
        list.push(resource);
        this.incoming.set(target, list);
      }
    }
  }

  /** The resources that serve `entry`, itself included. */
  servingResources(entry: ResourceNode): Set<ResourceNode> {
    const reached = new Set<ResourceNode>([entry]);
    let frontier = [entry];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
      const next: ResourceNode[] = [];
      for (const node of frontier) {
        for (const neighbour of [...(this.outgoing.get(node) ?? []), ...(this.incoming.get(node) ?? [])]) {
          if (reached.has(neighbour) || !SERVING.has(neighbour.resourceType)) continue;
          reached.add(neighbour);
          next.push(neighbour);
        }
        if (READS_CONFIGURATION.has(node.resourceType))
          for (const read of this.outgoing.get(node) ?? []) reached.add(read);
      }
      frontier = next;
    }
    return reached;
  }
}

function valuesIn(block: BlockNode): ReturnType<BlockNode["value"]>[] {
  return [
    ...[...block.attributes.values()].map((attribute) => attribute.value),
    ...block.blocks.flatMap((child) => valuesIn(child)),
  ];
}
