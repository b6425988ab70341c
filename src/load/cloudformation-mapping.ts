/**
 * CloudFormation resource types read as the Terraform resources they are, as data: each entry names
 * the CloudFormation type, the Terraform type, and for each Terraform attribute or nested block the
 * CloudFormation property path it comes from, so every AWS rule applies unchanged. Only what the
 * template sets is mapped (unset stays unset), except where CloudFormation's default differs from
 * the provider's: `absent` states the CloudFormation behaviour then. test/cloudformation-mapping.test.ts
 * checks every property path named here against the published CloudFormation schema.
 */

/** Named conversions from a CloudFormation value to the provider's form (see cloudformation-resources.ts). */
export type Conversion =
  /** `Scheme: internal|internet-facing` as the provider's `internal` flag. */
  | "internal-from-scheme"
  /** A single value as a one-element list (`CidrIp` as `cidr_blocks`). */
  | "list"
  /** A number written as a string (`TTL: "300"`, `MinSize: "2"`) as a number. */
  | "number"
  /** A JSON object (`PolicyDocument`) as the JSON string the provider takes. */
  | "json"
  /** ECS container definitions (PascalCase properties) as the provider's JSON string (camelCase). */
  | "container-definitions"
  /** `HostedZoneName` as a reference to the hosted zone of that name in the same template. */
  | "hosted-zone-by-name";

export interface PropertyMapping {
  /** Path under `Properties` (or under the block's source for nested blocks). */
  from: readonly string[];
  convert?: Conversion;
  /** CloudFormation's behaviour when the property is absent, where it differs from the provider's default. */
  absent?: { unknown: string };
  /** Where the value comes from when `from` is not set (a record's `HostedZoneName` instead of `HostedZoneId`). */
  or?: PropertyMapping;
}

export interface BlockMapping {
  /** Path of the property (an object, or a list of objects each giving one block). */
  from: readonly string[];
  /** The property is an object whose entries each give a block with `name` and `value` (RDS `Parameters`). */
  entries?: true;
  attributes?: Readonly<Record<string, PropertyMapping>>;
  blocks?: Readonly<Record<string, BlockMapping>>;
}

export interface ResourceMapping {
  cloudformation: string;
  terraform: string;
  attributes?: Readonly<Record<string, PropertyMapping>>;
  blocks?: Readonly<Record<string, BlockMapping>>;
  /** The Terraform resource exists only when this property is set (a bucket's website configuration). */
  when?: readonly string[];
  /** One Terraform resource per element of this list (a record set group's records, a target group's targets). */
  each?: readonly string[];
  /** Attributes under `each` that come from the enclosing resource's properties. */
  parentAttributes?: Readonly<Record<string, PropertyMapping>>;
  /** The attribute that refers back to the CloudFormation resource itself (`bucket` of a website configuration). */
  selfReference?: string;
  /** Suffix of the Terraform name when one CloudFormation resource gives several Terraform resources. */
  nameSuffix?: string;
}

const p = (...from: string[]): PropertyMapping => ({ from });
const as = (convert: Conversion, ...from: string[]): PropertyMapping => ({ from, convert });

const LISTENER_ACTION: BlockMapping = {
  from: [],
  attributes: { type: p("Type"), order: p("Order"), target_group_arn: p("TargetGroupArn") },
  blocks: {
    redirect: {
      from: ["RedirectConfig"],
      attributes: { protocol: p("Protocol"), port: p("Port"), host: p("Host"), status_code: p("StatusCode") },
    },
    forward: {
      from: ["ForwardConfig"],
      blocks: {
        target_group: { from: ["TargetGroups"], attributes: { arn: p("TargetGroupArn"), weight: p("Weight") } },
      },
    },
    fixed_response: {
      from: ["FixedResponseConfig"],
      attributes: { status_code: p("StatusCode"), content_type: p("ContentType") },
    },
  },
};

const SEARCH_DOMAIN = {
  attributes: { domain_name: p("DomainName"), engine_version: p("EngineVersion") },
  blocks: {
    domain_endpoint_options: {
      from: ["DomainEndpointOptions"],
      attributes: {
        enforce_https: p("EnforceHTTPS"),
        tls_security_policy: p("TLSSecurityPolicy"),
        custom_endpoint_enabled: p("CustomEndpointEnabled"),
        custom_endpoint: p("CustomEndpoint"),
      },
    },
    vpc_options: {
      from: ["VPCOptions"],
      attributes: { subnet_ids: p("SubnetIds"), security_group_ids: p("SecurityGroupIds") },
    },
  },
};

const CACHE_BEHAVIOR: Record<string, PropertyMapping> = {
  target_origin_id: p("TargetOriginId"),
  viewer_protocol_policy: p("ViewerProtocolPolicy"),
  response_headers_policy_id: p("ResponseHeadersPolicyId"),
};

/** The code a behaviour runs (Lambda@Edge, CloudFront Functions), which may add or rewrite headers. */
const CACHE_BEHAVIOR_CODE: Record<string, BlockMapping> = {
  lambda_function_association: {
    from: ["LambdaFunctionAssociations"],
    attributes: { event_type: p("EventType"), lambda_arn: p("LambdaFunctionARN") },
  },
  function_association: {
    from: ["FunctionAssociations"],
    attributes: { event_type: p("EventType"), function_arn: p("FunctionARN") },
  },
};

const PARAMETER_GROUP: BlockMapping = { from: ["Parameters"], entries: true };

const RECORD = {
  name: p("Name"),
  type: p("Type"),
  ttl: as("number", "TTL"),
  records: p("ResourceRecords"),
  set_identifier: p("SetIdentifier"),
};
const ZONE: PropertyMapping = { from: ["HostedZoneId"], or: as("hosted-zone-by-name", "HostedZoneName") };
const RECORD_ALIAS: Record<string, BlockMapping> = {
  alias: {
    from: ["AliasTarget"],
    attributes: { name: p("DNSName"), zone_id: p("HostedZoneId"), evaluate_target_health: p("EvaluateTargetHealth") },
  },
};

export const CLOUDFORMATION_MAPPINGS: readonly ResourceMapping[] = [
  // Elastic Load Balancing
  {
    cloudformation: "AWS::ElasticLoadBalancingV2::LoadBalancer",
    terraform: "aws_lb",
    attributes: {
      name: p("Name"),
      internal: as("internal-from-scheme", "Scheme"),
      load_balancer_type: p("Type"),
      security_groups: p("SecurityGroups"),
      subnets: p("Subnets"),
      ip_address_type: p("IpAddressType"),
    },
  },
  {
    cloudformation: "AWS::ElasticLoadBalancingV2::Listener",
    terraform: "aws_lb_listener",
    attributes: {
      load_balancer_arn: p("LoadBalancerArn"),
      port: p("Port"),
      // The provider defaults an application load balancer's listener to HTTP; CloudFormation leaves
      // it to the Elastic Load Balancing API, so an unset protocol is not assumed.
      protocol: { from: ["Protocol"], absent: { unknown: "Protocol not set (CloudFormation has no default)" } },
      ssl_policy: p("SslPolicy"),
    },
    blocks: { default_action: { ...LISTENER_ACTION, from: ["DefaultActions"] } },
  },
  {
    cloudformation: "AWS::ElasticLoadBalancingV2::ListenerRule",
    terraform: "aws_lb_listener_rule",
    attributes: { listener_arn: p("ListenerArn"), priority: p("Priority") },
    blocks: { action: { ...LISTENER_ACTION, from: ["Actions"] } },
  },
  {
    cloudformation: "AWS::ElasticLoadBalancingV2::TargetGroup",
    terraform: "aws_lb_target_group",
    attributes: { port: p("Port"), protocol: p("Protocol"), target_type: p("TargetType"), vpc_id: p("VpcId") },
  },
  {
    cloudformation: "AWS::ElasticLoadBalancingV2::TargetGroup",
    terraform: "aws_lb_target_group_attachment",
    each: ["Targets"],
    selfReference: "target_group_arn",
    attributes: { target_id: p("Id"), port: p("Port"), availability_zone: p("AvailabilityZone") },
  },
  {
    cloudformation: "AWS::ElasticLoadBalancing::LoadBalancer",
    terraform: "aws_elb",
    attributes: {
      name: p("LoadBalancerName"),
      internal: as("internal-from-scheme", "Scheme"),
      security_groups: p("SecurityGroups"),
      subnets: p("Subnets"),
    },
    blocks: {
      listener: {
        from: ["Listeners"],
        attributes: {
          lb_port: p("LoadBalancerPort"),
          lb_protocol: p("Protocol"),
          instance_port: p("InstancePort"),
          instance_protocol: p("InstanceProtocol"),
          ssl_certificate_id: p("SSLCertificateId"),
        },
      },
    },
  },
  {
    cloudformation: "AWS::ElasticLoadBalancing::LoadBalancer",
    terraform: "aws_load_balancer_policy",
    each: ["Policies"],
    selfReference: "load_balancer_name",
    attributes: { policy_name: p("PolicyName"), policy_type_name: p("PolicyType") },
    blocks: { policy_attribute: { from: ["Attributes"], attributes: { name: p("Name"), value: p("Value") } } },
  },
  // WAF
  {
    cloudformation: "AWS::WAFv2::WebACL",
    terraform: "aws_wafv2_web_acl",
    attributes: { name: p("Name"), scope: p("Scope") },
    blocks: {
      rule: {
        from: ["Rules"],
        attributes: { name: p("Name"), priority: p("Priority") },
        blocks: {
          statement: {
            from: ["Statement"],
            blocks: {
              managed_rule_group_statement: {
                from: ["ManagedRuleGroupStatement"],
                attributes: { name: p("Name"), vendor_name: p("VendorName") },
              },
              rate_based_statement: { from: ["RateBasedStatement"], attributes: { limit: p("Limit") } },
              rule_group_reference_statement: { from: ["RuleGroupReferenceStatement"], attributes: { arn: p("Arn") } },
              ip_set_reference_statement: { from: ["IPSetReferenceStatement"], attributes: { arn: p("Arn") } },
            },
          },
          override_action: {
            from: ["OverrideAction"],
            blocks: { count: { from: ["Count"] }, none: { from: ["None"] } },
          },
          action: {
            from: ["Action"],
            blocks: { block: { from: ["Block"] }, count: { from: ["Count"] }, allow: { from: ["Allow"] } },
          },
        },
      },
    },
  },
  {
    cloudformation: "AWS::WAFv2::WebACLAssociation",
    terraform: "aws_wafv2_web_acl_association",
    attributes: { resource_arn: p("ResourceArn"), web_acl_arn: p("WebACLArn") },
  },
  {
    cloudformation: "AWS::WAFv2::LoggingConfiguration",
    terraform: "aws_wafv2_web_acl_logging_configuration",
    attributes: { resource_arn: p("ResourceArn"), log_destination_configs: p("LogDestinationConfigs") },
  },
  // CloudFront
  {
    cloudformation: "AWS::CloudFront::Distribution",
    terraform: "aws_cloudfront_distribution",
    attributes: {
      enabled: p("DistributionConfig", "Enabled"),
      aliases: p("DistributionConfig", "Aliases"),
      web_acl_id: p("DistributionConfig", "WebACLId"),
    },
    blocks: {
      origin: {
        from: ["DistributionConfig", "Origins"],
        attributes: { domain_name: p("DomainName"), origin_id: p("Id"), origin_path: p("OriginPath") },
        blocks: {
          custom_origin_config: {
            from: ["CustomOriginConfig"],
            attributes: {
              origin_protocol_policy: p("OriginProtocolPolicy"),
              origin_ssl_protocols: p("OriginSSLProtocols"),
              http_port: p("HTTPPort"),
              https_port: p("HTTPSPort"),
            },
          },
          s3_origin_config: {
            from: ["S3OriginConfig"],
            attributes: { origin_access_identity: p("OriginAccessIdentity") },
          },
          vpc_origin_config: { from: ["VpcOriginConfig"], attributes: { vpc_origin_id: p("VpcOriginId") } },
        },
      },
      default_cache_behavior: {
        from: ["DistributionConfig", "DefaultCacheBehavior"],
        attributes: CACHE_BEHAVIOR,
        blocks: CACHE_BEHAVIOR_CODE,
      },
      ordered_cache_behavior: {
        from: ["DistributionConfig", "CacheBehaviors"],
        attributes: { ...CACHE_BEHAVIOR, path_pattern: p("PathPattern") },
        blocks: CACHE_BEHAVIOR_CODE,
      },
      viewer_certificate: {
        from: ["DistributionConfig", "ViewerCertificate"],
        attributes: {
          acm_certificate_arn: p("AcmCertificateArn"),
          iam_certificate_id: p("IamCertificateId"),
          cloudfront_default_certificate: p("CloudFrontDefaultCertificate"),
          minimum_protocol_version: p("MinimumProtocolVersion"),
          ssl_support_method: p("SslSupportMethod"),
        },
      },
    },
  },
  {
    cloudformation: "AWS::CloudFront::ResponseHeadersPolicy",
    terraform: "aws_cloudfront_response_headers_policy",
    attributes: { name: p("ResponseHeadersPolicyConfig", "Name") },
    blocks: {
      security_headers_config: {
        from: ["ResponseHeadersPolicyConfig", "SecurityHeadersConfig"],
        blocks: {
          strict_transport_security: {
            from: ["StrictTransportSecurity"],
            attributes: {
              access_control_max_age_sec: p("AccessControlMaxAgeSec"),
              include_subdomains: p("IncludeSubdomains"),
              preload: p("Preload"),
              override: p("Override"),
            },
          },
        },
      },
    },
  },
  // API Gateway (REST)
  {
    cloudformation: "AWS::ApiGateway::RestApi",
    terraform: "aws_api_gateway_rest_api",
    attributes: {
      name: p("Name"),
      disable_execute_api_endpoint: p("DisableExecuteApiEndpoint"),
      policy: as("json", "Policy"),
    },
    blocks: {
      endpoint_configuration: {
        from: ["EndpointConfiguration"],
        attributes: { types: p("Types"), vpc_endpoint_ids: p("VpcEndpointIds") },
      },
    },
  },
  {
    cloudformation: "AWS::ApiGateway::Stage",
    terraform: "aws_api_gateway_stage",
    attributes: { rest_api_id: p("RestApiId"), stage_name: p("StageName"), deployment_id: p("DeploymentId") },
  },
  {
    cloudformation: "AWS::ApiGateway::Stage",
    terraform: "aws_api_gateway_method_settings",
    each: ["MethodSettings"],
    selfReference: "stage_name",
    parentAttributes: { rest_api_id: p("RestApiId") },
    attributes: { method_path: p("ResourcePath") },
    blocks: {
      settings: {
        from: [],
        attributes: {
          throttling_rate_limit: p("ThrottlingRateLimit"),
          throttling_burst_limit: p("ThrottlingBurstLimit"),
        },
      },
    },
  },
  {
    cloudformation: "AWS::ApiGateway::DomainName",
    terraform: "aws_api_gateway_domain_name",
    attributes: {
      domain_name: p("DomainName"),
      security_policy: p("SecurityPolicy"),
      certificate_arn: p("CertificateArn"),
      regional_certificate_arn: p("RegionalCertificateArn"),
    },
    blocks: {
      endpoint_configuration: { from: ["EndpointConfiguration"], attributes: { types: p("Types") } },
      mutual_tls_authentication: {
        from: ["MutualTlsAuthentication"],
        attributes: { truststore_uri: p("TruststoreUri") },
      },
    },
  },
  {
    cloudformation: "AWS::ApiGateway::BasePathMapping",
    terraform: "aws_api_gateway_base_path_mapping",
    attributes: {
      api_id: p("RestApiId"),
      stage_name: p("Stage"),
      domain_name: p("DomainName"),
      base_path: p("BasePath"),
    },
  },
  {
    cloudformation: "AWS::ApiGateway::Method",
    terraform: "aws_api_gateway_integration",
    when: ["Integration"],
    attributes: {
      rest_api_id: p("RestApiId"),
      type: p("Integration", "Type"),
      uri: p("Integration", "Uri"),
      connection_type: p("Integration", "ConnectionType"),
      connection_id: p("Integration", "ConnectionId"),
    },
  },
  {
    cloudformation: "AWS::ApiGateway::VpcLink",
    terraform: "aws_api_gateway_vpc_link",
    attributes: { name: p("Name"), target_arns: p("TargetArns") },
  },
  // API Gateway (HTTP and WebSocket)
  {
    cloudformation: "AWS::ApiGatewayV2::Api",
    terraform: "aws_apigatewayv2_api",
    attributes: {
      name: p("Name"),
      protocol_type: p("ProtocolType"),
      disable_execute_api_endpoint: p("DisableExecuteApiEndpoint"),
    },
  },
  {
    cloudformation: "AWS::ApiGatewayV2::Stage",
    terraform: "aws_apigatewayv2_stage",
    attributes: { api_id: p("ApiId"), name: p("StageName"), auto_deploy: p("AutoDeploy") },
    blocks: {
      default_route_settings: {
        from: ["DefaultRouteSettings"],
        attributes: {
          throttling_rate_limit: p("ThrottlingRateLimit"),
          throttling_burst_limit: p("ThrottlingBurstLimit"),
        },
      },
    },
  },
  {
    cloudformation: "AWS::ApiGatewayV2::DomainName",
    terraform: "aws_apigatewayv2_domain_name",
    attributes: { domain_name: p("DomainName") },
    blocks: {
      domain_name_configuration: {
        from: ["DomainNameConfigurations"],
        attributes: {
          security_policy: p("SecurityPolicy"),
          endpoint_type: p("EndpointType"),
          certificate_arn: p("CertificateArn"),
        },
      },
      mutual_tls_authentication: {
        from: ["MutualTlsAuthentication"],
        attributes: { truststore_uri: p("TruststoreUri") },
      },
    },
  },
  {
    cloudformation: "AWS::ApiGatewayV2::ApiMapping",
    terraform: "aws_apigatewayv2_api_mapping",
    attributes: { api_id: p("ApiId"), domain_name: p("DomainName"), stage: p("Stage") },
  },
  {
    cloudformation: "AWS::ApiGatewayV2::Integration",
    terraform: "aws_apigatewayv2_integration",
    attributes: {
      api_id: p("ApiId"),
      integration_type: p("IntegrationType"),
      integration_uri: p("IntegrationUri"),
      connection_type: p("ConnectionType"),
      connection_id: p("ConnectionId"),
    },
  },
  {
    cloudformation: "AWS::ApiGatewayV2::VpcLink",
    terraform: "aws_apigatewayv2_vpc_link",
    attributes: { name: p("Name"), subnet_ids: p("SubnetIds"), security_group_ids: p("SecurityGroupIds") },
  },
  // Route 53
  {
    cloudformation: "AWS::Route53::HostedZone",
    terraform: "aws_route53_zone",
    attributes: { name: p("Name") },
    blocks: { vpc: { from: ["VPCs"], attributes: { vpc_id: p("VPCId"), vpc_region: p("VPCRegion") } } },
  },
  {
    cloudformation: "AWS::Route53::RecordSet",
    terraform: "aws_route53_record",
    attributes: { ...RECORD, zone_id: ZONE },
    blocks: RECORD_ALIAS,
  },
  {
    cloudformation: "AWS::Route53::RecordSetGroup",
    terraform: "aws_route53_record",
    each: ["RecordSets"],
    attributes: RECORD,
    parentAttributes: { zone_id: ZONE },
    blocks: RECORD_ALIAS,
  },
  {
    cloudformation: "AWS::Route53::DNSSEC",
    terraform: "aws_route53_hosted_zone_dnssec",
    attributes: { hosted_zone_id: p("HostedZoneId") },
  },
  {
    cloudformation: "AWS::Route53::KeySigningKey",
    terraform: "aws_route53_key_signing_key",
    attributes: { hosted_zone_id: p("HostedZoneId"), name: p("Name"), status: p("Status") },
  },
  {
    cloudformation: "AWS::Route53Resolver::ResolverRule",
    terraform: "aws_route53_resolver_rule",
    attributes: {
      domain_name: p("DomainName"),
      rule_type: p("RuleType"),
      resolver_endpoint_id: p("ResolverEndpointId"),
    },
    blocks: { target_ip: { from: ["TargetIps"], attributes: { ip: p("Ip"), port: p("Port") } } },
  },
  // EC2 and VPC networking
  {
    cloudformation: "AWS::EC2::SecurityGroup",
    terraform: "aws_security_group",
    attributes: { name: p("GroupName"), vpc_id: p("VpcId") },
    blocks: {
      ingress: {
        from: ["SecurityGroupIngress"],
        attributes: {
          from_port: p("FromPort"),
          to_port: p("ToPort"),
          protocol: p("IpProtocol"),
          cidr_blocks: as("list", "CidrIp"),
          ipv6_cidr_blocks: as("list", "CidrIpv6"),
          prefix_list_ids: as("list", "SourcePrefixListId"),
          security_groups: as("list", "SourceSecurityGroupId"),
        },
      },
    },
  },
  {
    cloudformation: "AWS::EC2::SecurityGroupIngress",
    terraform: "aws_vpc_security_group_ingress_rule",
    attributes: {
      security_group_id: p("GroupId"),
      cidr_ipv4: p("CidrIp"),
      cidr_ipv6: p("CidrIpv6"),
      from_port: p("FromPort"),
      to_port: p("ToPort"),
      ip_protocol: p("IpProtocol"),
      prefix_list_id: p("SourcePrefixListId"),
      referenced_security_group_id: p("SourceSecurityGroupId"),
    },
  },
  {
    cloudformation: "AWS::EC2::VPNConnection",
    terraform: "aws_vpn_connection",
    attributes: {
      customer_gateway_id: p("CustomerGatewayId"),
      vpn_gateway_id: p("VpnGatewayId"),
      transit_gateway_id: p("TransitGatewayId"),
      type: p("Type"),
      static_routes_only: p("StaticRoutesOnly"),
    },
  },
  {
    cloudformation: "AWS::EC2::CustomerGateway",
    terraform: "aws_customer_gateway",
    attributes: { ip_address: p("IpAddress"), bgp_asn: p("BgpAsn"), type: p("Type") },
  },
  {
    cloudformation: "AWS::EC2::VPNGateway",
    terraform: "aws_vpn_gateway",
    attributes: { amazon_side_asn: p("AmazonSideAsn") },
  },
  {
    cloudformation: "AWS::EC2::TransitGatewayAttachment",
    terraform: "aws_ec2_transit_gateway_vpc_attachment",
    attributes: { transit_gateway_id: p("TransitGatewayId"), vpc_id: p("VpcId"), subnet_ids: p("SubnetIds") },
  },
  {
    cloudformation: "AWS::EC2::NatGateway",
    terraform: "aws_nat_gateway",
    attributes: {
      subnet_id: p("SubnetId"),
      allocation_id: p("AllocationId"),
      connectivity_type: p("ConnectivityType"),
    },
  },
  {
    cloudformation: "AWS::EC2::ClientVpnEndpoint",
    terraform: "aws_ec2_client_vpn_endpoint",
    attributes: { client_cidr_block: p("ClientCidrBlock"), server_certificate_arn: p("ServerCertificateArn") },
  },
  {
    cloudformation: "AWS::EC2::Instance",
    terraform: "aws_instance",
    attributes: { instance_type: p("InstanceType"), subnet_id: p("SubnetId"), private_ip: p("PrivateIpAddress") },
  },
  {
    cloudformation: "AWS::EC2::LaunchTemplate",
    terraform: "aws_launch_template",
    attributes: { name: p("LaunchTemplateName"), instance_type: p("LaunchTemplateData", "InstanceType") },
  },
  { cloudformation: "AWS::EC2::VPC", terraform: "aws_vpc", attributes: { cidr_block: p("CidrBlock") } },
  {
    cloudformation: "AWS::EC2::Subnet",
    terraform: "aws_subnet",
    attributes: {
      vpc_id: p("VpcId"),
      cidr_block: p("CidrBlock"),
      availability_zone: p("AvailabilityZone"),
      map_public_ip_on_launch: p("MapPublicIpOnLaunch"),
    },
  },
  { cloudformation: "AWS::EC2::RouteTable", terraform: "aws_route_table", attributes: { vpc_id: p("VpcId") } },
  {
    cloudformation: "AWS::EC2::Route",
    terraform: "aws_route",
    attributes: {
      route_table_id: p("RouteTableId"),
      destination_cidr_block: p("DestinationCidrBlock"),
      nat_gateway_id: p("NatGatewayId"),
      gateway_id: p("GatewayId"),
      transit_gateway_id: p("TransitGatewayId"),
    },
  },
  {
    cloudformation: "AWS::EC2::SubnetRouteTableAssociation",
    terraform: "aws_route_table_association",
    attributes: { subnet_id: p("SubnetId"), route_table_id: p("RouteTableId") },
  },
  {
    cloudformation: "AWS::EC2::VPCEndpoint",
    terraform: "aws_vpc_endpoint",
    attributes: { service_name: p("ServiceName"), vpc_endpoint_type: p("VpcEndpointType"), vpc_id: p("VpcId") },
  },
  // Direct Connect
  {
    cloudformation: "AWS::DirectConnect::Connection",
    terraform: "aws_dx_connection",
    attributes: { name: p("ConnectionName"), bandwidth: p("Bandwidth"), location: p("Location") },
  },
  {
    cloudformation: "AWS::DirectConnect::Lag",
    terraform: "aws_dx_lag",
    attributes: { name: p("LagName"), connections_bandwidth: p("ConnectionsBandwidth"), location: p("Location") },
  },
  {
    cloudformation: "AWS::DirectConnect::DirectConnectGateway",
    terraform: "aws_dx_gateway",
    attributes: { name: p("DirectConnectGatewayName"), amazon_side_asn: p("AmazonSideAsn") },
  },
  {
    cloudformation: "AWS::DirectConnect::PrivateVirtualInterface",
    terraform: "aws_dx_private_virtual_interface",
    attributes: { connection_id: p("ConnectionId"), dx_gateway_id: p("DirectConnectGatewayId"), vlan: p("Vlan") },
  },
  {
    cloudformation: "AWS::DirectConnect::TransitVirtualInterface",
    terraform: "aws_dx_transit_virtual_interface",
    attributes: { connection_id: p("ConnectionId"), dx_gateway_id: p("DirectConnectGatewayId"), vlan: p("Vlan") },
  },
  // Application services
  {
    cloudformation: "AWS::AppSync::GraphQLApi",
    terraform: "aws_appsync_graphql_api",
    attributes: { name: p("Name"), authentication_type: p("AuthenticationType"), visibility: p("Visibility") },
  },
  {
    cloudformation: "AWS::Cognito::UserPool",
    terraform: "aws_cognito_user_pool",
    attributes: { name: p("UserPoolName") },
  },
  {
    cloudformation: "AWS::Cognito::UserPoolDomain",
    terraform: "aws_cognito_user_pool_domain",
    attributes: {
      domain: p("Domain"),
      user_pool_id: p("UserPoolId"),
      certificate_arn: p("CustomDomainConfig", "CertificateArn"),
    },
  },
  { cloudformation: "AWS::OpenSearchService::Domain", terraform: "aws_opensearch_domain", ...SEARCH_DOMAIN },
  {
    cloudformation: "AWS::Elasticsearch::Domain",
    terraform: "aws_elasticsearch_domain",
    ...SEARCH_DOMAIN,
    attributes: { domain_name: p("DomainName"), elasticsearch_version: p("ElasticsearchVersion") },
  },
  {
    cloudformation: "AWS::ElastiCache::ReplicationGroup",
    terraform: "aws_elasticache_replication_group",
    attributes: {
      engine: p("Engine"),
      transit_encryption_enabled: p("TransitEncryptionEnabled"),
      transit_encryption_mode: p("TransitEncryptionMode"),
      global_replication_group_id: p("GlobalReplicationGroupId"),
    },
  },
  {
    cloudformation: "AWS::ElastiCache::CacheCluster",
    terraform: "aws_elasticache_cluster",
    attributes: {
      engine: p("Engine"),
      transit_encryption_enabled: p("TransitEncryptionEnabled"),
    },
  },
  // Databases
  {
    cloudformation: "AWS::RDS::DBParameterGroup",
    terraform: "aws_db_parameter_group",
    attributes: { family: p("Family") },
    blocks: { parameter: PARAMETER_GROUP },
  },
  {
    cloudformation: "AWS::RDS::DBClusterParameterGroup",
    terraform: "aws_rds_cluster_parameter_group",
    attributes: { family: p("Family") },
    blocks: { parameter: PARAMETER_GROUP },
  },
  {
    cloudformation: "AWS::RDS::DBInstance",
    terraform: "aws_db_instance",
    attributes: {
      engine: p("Engine"),
      publicly_accessible: p("PubliclyAccessible"),
      parameter_group_name: p("DBParameterGroupName"),
    },
  },
  {
    cloudformation: "AWS::RDS::DBCluster",
    terraform: "aws_rds_cluster",
    attributes: { engine: p("Engine"), db_cluster_parameter_group_name: p("DBClusterParameterGroupName") },
  },
  // S3
  { cloudformation: "AWS::S3::Bucket", terraform: "aws_s3_bucket", attributes: { bucket: p("BucketName") } },
  {
    cloudformation: "AWS::S3::Bucket",
    terraform: "aws_s3_bucket_website_configuration",
    when: ["WebsiteConfiguration"],
    selfReference: "bucket",
    blocks: {
      redirect_all_requests_to: {
        from: ["WebsiteConfiguration", "RedirectAllRequestsTo"],
        attributes: { host_name: p("HostName"), protocol: p("Protocol") },
      },
      index_document: { from: ["WebsiteConfiguration"], attributes: { suffix: p("IndexDocument") } },
    },
  },
  {
    cloudformation: "AWS::S3::Bucket",
    terraform: "aws_s3_bucket_public_access_block",
    when: ["PublicAccessBlockConfiguration"],
    selfReference: "bucket",
    attributes: {
      block_public_acls: p("PublicAccessBlockConfiguration", "BlockPublicAcls"),
      block_public_policy: p("PublicAccessBlockConfiguration", "BlockPublicPolicy"),
      ignore_public_acls: p("PublicAccessBlockConfiguration", "IgnorePublicAcls"),
      restrict_public_buckets: p("PublicAccessBlockConfiguration", "RestrictPublicBuckets"),
    },
  },
  {
    cloudformation: "AWS::S3::BucketPolicy",
    terraform: "aws_s3_bucket_policy",
    attributes: { bucket: p("Bucket"), policy: as("json", "PolicyDocument") },
  },
  // Compute and configuration
  {
    cloudformation: "AWS::ECS::TaskDefinition",
    terraform: "aws_ecs_task_definition",
    attributes: { family: p("Family"), container_definitions: as("container-definitions", "ContainerDefinitions") },
  },
  {
    cloudformation: "AWS::ECS::Service",
    terraform: "aws_ecs_service",
    attributes: {
      cluster: p("Cluster"),
      task_definition: p("TaskDefinition"),
      desired_count: p("DesiredCount"),
      scheduling_strategy: p("SchedulingStrategy"),
    },
    blocks: {
      load_balancer: {
        from: ["LoadBalancers"],
        attributes: {
          target_group_arn: p("TargetGroupArn"),
          container_name: p("ContainerName"),
          container_port: p("ContainerPort"),
        },
      },
    },
  },
  {
    cloudformation: "AWS::Lambda::Function",
    terraform: "aws_lambda_function",
    attributes: { function_name: p("FunctionName") },
    blocks: {
      environment: { from: ["Environment"], attributes: { variables: p("Variables") } },
      vpc_config: {
        from: ["VpcConfig"],
        attributes: { subnet_ids: p("SubnetIds"), security_group_ids: p("SecurityGroupIds") },
      },
    },
  },
  {
    cloudformation: "AWS::SSM::Parameter",
    terraform: "aws_ssm_parameter",
    attributes: { name: p("Name"), type: p("Type"), value: p("Value") },
  },
  {
    cloudformation: "AWS::Transfer::Server",
    terraform: "aws_transfer_server",
    attributes: {
      protocols: p("Protocols"),
      endpoint_type: p("EndpointType"),
      security_policy_name: p("SecurityPolicyName"),
    },
  },
  {
    cloudformation: "AWS::AutoScaling::AutoScalingGroup",
    terraform: "aws_autoscaling_group",
    attributes: {
      min_size: as("number", "MinSize"),
      max_size: as("number", "MaxSize"),
      desired_capacity: as("number", "DesiredCapacity"),
      target_group_arns: p("TargetGroupARNs"),
      load_balancers: p("LoadBalancerNames"),
      launch_configuration: p("LaunchConfigurationName"),
      vpc_zone_identifier: p("VPCZoneIdentifier"),
    },
    blocks: {
      launch_template: {
        from: ["LaunchTemplate"],
        attributes: { id: p("LaunchTemplateId"), name: p("LaunchTemplateName"), version: p("Version") },
      },
    },
  },
  {
    cloudformation: "AWS::AutoScaling::ScheduledAction",
    terraform: "aws_autoscaling_schedule",
    attributes: {
      autoscaling_group_name: p("AutoScalingGroupName"),
      min_size: as("number", "MinSize"),
      max_size: as("number", "MaxSize"),
    },
  },
  {
    cloudformation: "AWS::ApplicationAutoScaling::ScalableTarget",
    terraform: "aws_appautoscaling_target",
    attributes: {
      resource_id: p("ResourceId"),
      service_namespace: p("ServiceNamespace"),
      scalable_dimension: p("ScalableDimension"),
      min_capacity: p("MinCapacity"),
      max_capacity: p("MaxCapacity"),
    },
  },
  {
    cloudformation: "AWS::GlobalAccelerator::EndpointGroup",
    terraform: "aws_globalaccelerator_endpoint_group",
    attributes: { listener_arn: p("ListenerArn") },
    blocks: {
      endpoint_configuration: { from: ["EndpointConfigurations"], attributes: { endpoint_id: p("EndpointId") } },
    },
  },
];

/** The mappings of a CloudFormation type, in order. */
export function mappingsOf(cloudformationType: string): readonly ResourceMapping[] {
  return MAPPINGS_BY_TYPE.get(cloudformationType) ?? [];
}

const MAPPINGS_BY_TYPE = new Map<string, ResourceMapping[]>();
for (const mapping of CLOUDFORMATION_MAPPINGS) {
  const list = MAPPINGS_BY_TYPE.get(mapping.cloudformation) ?? [];
  list.push(mapping);
  MAPPINGS_BY_TYPE.set(mapping.cloudformation, list);
}

/** The Terraform type a `Ref` to a resource of this CloudFormation type names (its first mapping). */
export function terraformTypeOf(cloudformationType: string): string | undefined {
  return mappingsOf(cloudformationType)[0]?.terraform;
}
