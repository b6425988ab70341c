/** The rule registry: every rule iflint ships (a folder per provider, `dns/` for any zone), sorted by id. */
import type { Rule } from "../src/engine/rule.js";
import configurationNamesServices from "./aws/addressing/configuration-names-services.js";
import internetFacingLbAdmitsInternet from "./aws/addressing/internet-facing-lb-admits-internet.js";
import publicDnsRecordsUsePublicAddresses from "./aws/addressing/public-dns-records-use-public-addresses.js";
import targetsStayInVpc from "./aws/addressing/targets-stay-in-vpc.js";
import apiThrottlingMeetsDeclaredPeak from "./aws/bandwidth/api-throttling-meets-declared-peak.js";
import computeBandwidthMeetsDeclaredPeak from "./aws/bandwidth/compute-bandwidth-meets-declared-peak.js";
import ecsServiceScalesBehindInternetEndpoint from "./aws/bandwidth/ecs-service-scales-behind-internet-endpoint.js";
import fixedCapacityBehindInternetEndpoint from "./aws/bandwidth/fixed-capacity-behind-internet-endpoint.js";
import natEgressPerAvailabilityZone from "./aws/bandwidth/nat-egress-per-availability-zone.js";
import privateCircuitCapacityIsPlanned from "./aws/bandwidth/private-circuit-capacity-is-planned.js";
import apiBackendIsOffPrivateNetwork from "./aws/exposure/api-backend-is-off-private-network.js";
import internalWebLbIsPublished from "./aws/exposure/internal-web-lb-is-published.js";
import privateConnectivityIsRecorded from "./aws/exposure/private-connectivity-is-recorded.js";
import publicNamePointsAtInternalLb from "./aws/exposure/public-name-points-at-internal-lb.js";
import resolverRuleAvoidsPrivateResolvers from "./aws/exposure/resolver-rule-avoids-private-resolvers.js";
import restApiIsReachableFromInternet from "./aws/exposure/rest-api-is-reachable-from-internet.js";
import webIngressBeyondPrivateNetwork from "./aws/exposure/web-ingress-beyond-private-network.js";
import apiGatewayDomainUsesTls12 from "./aws/tls/api-gateway-domain-uses-tls12.js";
import classicElbNegotiatesModernTls from "./aws/tls/classic-elb-negotiates-modern-tls.js";
import classicElbServesTls from "./aws/tls/classic-elb-serves-tls.js";
import cloudfrontOriginUsesHttps from "./aws/tls/cloudfront-origin-uses-https.js";
import cloudfrontRedirectsToHttps from "./aws/tls/cloudfront-redirects-to-https.js";
import cloudfrontSendsHsts from "./aws/tls/cloudfront-sends-hsts.js";
import cloudfrontUsesModernTls from "./aws/tls/cloudfront-uses-modern-tls.js";
import databaseRequiresTls from "./aws/tls/database-requires-tls.js";
import elasticacheEncryptsInTransit from "./aws/tls/elasticache-encrypts-in-transit.js";
import lbListenerRedirectsHttp from "./aws/tls/lb-listener-redirects-http.js";
import lbListenerUsesModernTlsPolicy from "./aws/tls/lb-listener-uses-modern-tls-policy.js";
import s3WebsiteIsServedOverHttps from "./aws/tls/s3-website-is-served-over-https.js";
import searchDomainEnforcesHttps from "./aws/tls/search-domain-enforces-https.js";
import transferServerEncryptsInTransit from "./aws/tls/transfer-server-encrypts-in-transit.js";
import apiGatewayStageHasWaf from "./aws/waf/api-gateway-stage-has-waf.js";
import appsyncApiHasWaf from "./aws/waf/appsync-api-has-waf.js";
import cloudfrontHasWaf from "./aws/waf/cloudfront-has-waf.js";
import cognitoHostedUiHasWaf from "./aws/waf/cognito-hosted-ui-has-waf.js";
import httpApiIsBehindCloudfront from "./aws/waf/http-api-is-behind-cloudfront.js";
import internetFacingAlbHasWaf from "./aws/waf/internet-facing-alb-has-waf.js";
import webAclHasBaselineRules from "./aws/waf/web-acl-has-baseline-rules.js";
import webAclIsLogged from "./aws/waf/web-acl-is-logged.js";

import azurePublicDnsRecordsUsePublicAddresses from "./azure/addressing/public-dns-records-use-public-addresses.js";
import azureCircuitCapacityIsPlanned from "./azure/bandwidth/circuit-capacity-is-planned.js";
import azureNatGatewayCapacityIsPlanned from "./azure/bandwidth/nat-gateway-capacity-is-planned.js";
import azurePrivateAppHasInternetFront from "./azure/exposure/private-app-has-internet-front.js";
import azurePrivateConnectivityIsRecorded from "./azure/exposure/private-connectivity-is-recorded.js";
import azureApiManagementUsesModernTls from "./azure/tls/api-management-uses-modern-tls.js";
import azureAppGatewayServesHttps from "./azure/tls/app-gateway-serves-https.js";
import azureDataServicesRequireTls from "./azure/tls/data-services-require-tls.js";
import azureFrontDoorRouteServesHttps from "./azure/tls/front-door-route-serves-https.js";
import azureStorageAccountRequiresTls12 from "./azure/tls/storage-account-requires-tls12.js";
import azureWebAppHttpsOnly from "./azure/tls/web-app-https-only.js";
import azureAppGatewayHasWaf from "./azure/waf/app-gateway-has-waf.js";
import azureFrontDoorEndpointHasWaf from "./azure/waf/front-door-endpoint-has-waf.js";
import azureWafPolicyPrevents from "./azure/waf/waf-policy-prevents.js";

import publicNamesAvoidPrivateEndpoints from "./dns/public-names-avoid-private-endpoints.js";
import publicZoneRecordsUsePublicAddresses from "./dns/public-zone-records-use-public-addresses.js";
import zoneApexHasCaa from "./dns/zone-apex-has-caa.js";
import zoneIsSigned from "./dns/zone-is-signed.js";
import zoneNamesHaveIpv6 from "./dns/zone-names-have-ipv6.js";
import zoneTargetsResolvePublicly from "./dns/zone-targets-resolve-publicly.js";
import containerAppIngressHttps from "./azure/tls/container-app-ingress-https.js";
import classicCdnServesHttps from "./azure/tls/classic-cdn-serves-https.js";
import classicFrontDoorHasWaf from "./azure/waf/classic-front-door-has-waf.js";
import configurationAvoidsHscnOnlyServices from "./nhs/configuration-avoids-hscn-only-services.js";
import dnsAvoidsHscnResolvers from "./nhs/dns-avoids-hscn-resolvers.js";
import s3BucketRequiresTls from "./aws/tls/s3-bucket-requires-tls.js";
import webAppRefusesPlainFtp from "./azure/tls/web-app-refuses-plain-ftp.js";
import databaseEngineRequiresTls from "./aws/tls/database-engine-requires-tls.js";

export const allRules: readonly Rule[] = [
  configurationNamesServices,
  internetFacingLbAdmitsInternet,
  publicDnsRecordsUsePublicAddresses,
  targetsStayInVpc,
  apiThrottlingMeetsDeclaredPeak,
  computeBandwidthMeetsDeclaredPeak,
  ecsServiceScalesBehindInternetEndpoint,
  fixedCapacityBehindInternetEndpoint,
  natEgressPerAvailabilityZone,
  privateCircuitCapacityIsPlanned,
  apiBackendIsOffPrivateNetwork,
  internalWebLbIsPublished,
  privateConnectivityIsRecorded,
  publicNamePointsAtInternalLb,
  resolverRuleAvoidsPrivateResolvers,
  restApiIsReachableFromInternet,
  webIngressBeyondPrivateNetwork,
  apiGatewayDomainUsesTls12,
  classicElbNegotiatesModernTls,
  classicElbServesTls,
  cloudfrontOriginUsesHttps,
  cloudfrontRedirectsToHttps,
  cloudfrontSendsHsts,
  cloudfrontUsesModernTls,
  databaseRequiresTls,
  elasticacheEncryptsInTransit,
  lbListenerRedirectsHttp,
  lbListenerUsesModernTlsPolicy,
  s3WebsiteIsServedOverHttps,
  searchDomainEnforcesHttps,
  transferServerEncryptsInTransit,
  apiGatewayStageHasWaf,
  appsyncApiHasWaf,
  cloudfrontHasWaf,
  cognitoHostedUiHasWaf,
  httpApiIsBehindCloudfront,
  internetFacingAlbHasWaf,
  webAclHasBaselineRules,
  webAclIsLogged,
  azurePublicDnsRecordsUsePublicAddresses,
  azureCircuitCapacityIsPlanned,
  azureNatGatewayCapacityIsPlanned,
  azurePrivateAppHasInternetFront,
  azurePrivateConnectivityIsRecorded,
  azureApiManagementUsesModernTls,
  azureAppGatewayServesHttps,
  azureDataServicesRequireTls,
  azureFrontDoorRouteServesHttps,
  azureStorageAccountRequiresTls12,
  azureWebAppHttpsOnly,
  azureAppGatewayHasWaf,
  azureFrontDoorEndpointHasWaf,
  azureWafPolicyPrevents,
  publicNamesAvoidPrivateEndpoints,
  publicZoneRecordsUsePublicAddresses,
  zoneApexHasCaa,
  zoneIsSigned,
  zoneNamesHaveIpv6,
  zoneTargetsResolvePublicly,
  containerAppIngressHttps,
  classicCdnServesHttps,
  classicFrontDoorHasWaf,
  configurationAvoidsHscnOnlyServices,
  s3BucketRequiresTls,
  webAppRefusesPlainFtp,
  databaseEngineRequiresTls,
  dnsAvoidsHscnResolvers,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)) as Rule[];

export function findRule(idOrName: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === idOrName || rule.meta.name === idOrName);
}
