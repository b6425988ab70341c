/** The rule registry: every rule iflint ships, in id order. */
import type { Rule } from "../src/engine/rule.js";
import lbListenerRedirectsHttp from "./tls/lb-listener-redirects-http.js";
import zoneTargetsResolvePublicly from "./dns/zone-targets-resolve-publicly.js";
import zoneApexHasCaa from "./dns/zone-apex-has-caa.js";
import zoneNamesHaveIpv6 from "./dns/zone-names-have-ipv6.js";
import zoneIsSigned from "./dns/zone-is-signed.js";
import cloudfrontOriginUsesHttps from "./tls/cloudfront-origin-uses-https.js";
import classicElbServesTls from "./tls/classic-elb-serves-tls.js";
import searchDomainEnforcesHttps from "./tls/search-domain-enforces-https.js";
import webAclHasBaselineRules from "./waf/web-acl-has-baseline-rules.js";
import webAclIsLogged from "./waf/web-acl-is-logged.js";
import azureWebAppHttpsOnly from "./azure/web-app-https-only.js";
import azureStorageAccountRequiresTls12 from "./azure/storage-account-requires-tls12.js";
import azureAppGatewayServesHttps from "./azure/app-gateway-serves-https.js";
import azureAppGatewayHasWaf from "./azure/app-gateway-has-waf.js";
import azureWafPolicyPrevents from "./azure/waf-policy-prevents.js";
import azurePublicDnsRecordsUsePublicAddresses from "./azure/public-dns-records-use-public-addresses.js";
import azurePrivateConnectivityIsRecorded from "./azure/private-connectivity-is-recorded.js";
import azureCircuitCapacityIsPlanned from "./azure/circuit-capacity-is-planned.js";
import azureFrontDoorRouteServesHttps from "./azure/front-door-route-serves-https.js";
import azureFrontDoorEndpointHasWaf from "./azure/front-door-endpoint-has-waf.js";
import azureDataServicesRequireTls from "./azure/data-services-require-tls.js";
import azurePrivateAppHasInternetFront from "./azure/private-app-has-internet-front.js";
import azureApiManagementUsesModernTls from "./azure/api-management-uses-modern-tls.js";
import apiBackendIsOffPrivateNetwork from "./exposure/api-backend-is-off-private-network.js";
import targetsStayInVpc from "./addressing/targets-stay-in-vpc.js";
import cognitoHostedUiHasWaf from "./waf/cognito-hosted-ui-has-waf.js";
import classicElbNegotiatesModernTls from "./tls/classic-elb-negotiates-modern-tls.js";
import publicNamesAvoidPrivateEndpoints from "./addressing/public-names-avoid-private-endpoints.js";
import azureNatGatewayCapacityIsPlanned from "./azure/nat-gateway-capacity-is-planned.js";
import ecsServiceScalesBehindInternetEndpoint from "./bandwidth/ecs-service-scales-behind-internet-endpoint.js";
import publicZoneRecordsUsePublicAddresses from "./addressing/public-zone-records-use-public-addresses.js";
import lbListenerUsesModernTlsPolicy from "./tls/lb-listener-uses-modern-tls-policy.js";
import cloudfrontRedirectsToHttps from "./tls/cloudfront-redirects-to-https.js";
import cloudfrontUsesModernTls from "./tls/cloudfront-uses-modern-tls.js";
import apiGatewayDomainUsesTls12 from "./tls/api-gateway-domain-uses-tls12.js";
import internetFacingAlbHasWaf from "./waf/internet-facing-alb-has-waf.js";
import cloudfrontHasWaf from "./waf/cloudfront-has-waf.js";
import apiGatewayStageHasWaf from "./waf/api-gateway-stage-has-waf.js";
import appsyncApiHasWaf from "./waf/appsync-api-has-waf.js";
import publicDnsRecordsUsePublicAddresses from "./addressing/public-dns-records-use-public-addresses.js";
import internetFacingLbAdmitsInternet from "./addressing/internet-facing-lb-admits-internet.js";
import restApiIsReachableFromInternet from "./exposure/rest-api-is-reachable-from-internet.js";
import privateConnectivityIsRecorded from "./exposure/private-connectivity-is-recorded.js";
import publicNamePointsAtInternalLb from "./exposure/public-name-points-at-internal-lb.js";
import webIngressBeyondPrivateNetwork from "./exposure/web-ingress-beyond-private-network.js";
import privateCircuitCapacityIsPlanned from "./bandwidth/private-circuit-capacity-is-planned.js";
import natEgressPerAvailabilityZone from "./bandwidth/nat-egress-per-availability-zone.js";
import computeBandwidthMeetsDeclaredPeak from "./bandwidth/compute-bandwidth-meets-declared-peak.js";
import apiThrottlingMeetsDeclaredPeak from "./bandwidth/api-throttling-meets-declared-peak.js";
import s3WebsiteIsServedOverHttps from "./tls/s3-website-is-served-over-https.js";
import elasticacheEncryptsInTransit from "./tls/elasticache-encrypts-in-transit.js";
import databaseRequiresTls from "./tls/database-requires-tls.js";
import transferServerEncryptsInTransit from "./tls/transfer-server-encrypts-in-transit.js";
import cloudfrontSendsHsts from "./tls/cloudfront-sends-hsts.js";
import httpApiIsBehindCloudfront from "./waf/http-api-is-behind-cloudfront.js";
import internalWebLbIsPublished from "./exposure/internal-web-lb-is-published.js";
import resolverRuleAvoidsPrivateResolvers from "./exposure/resolver-rule-avoids-private-resolvers.js";
import configurationNamesServices from "./addressing/configuration-names-services.js";
import fixedCapacityBehindInternetEndpoint from "./bandwidth/fixed-capacity-behind-internet-endpoint.js";

export const allRules: readonly Rule[] = [
  lbListenerRedirectsHttp,
  zoneTargetsResolvePublicly,
  zoneApexHasCaa,
  zoneNamesHaveIpv6,
  zoneIsSigned,
  cloudfrontOriginUsesHttps,
  classicElbServesTls,
  searchDomainEnforcesHttps,
  webAclHasBaselineRules,
  webAclIsLogged,
  azureWebAppHttpsOnly,
  azureStorageAccountRequiresTls12,
  azureAppGatewayServesHttps,
  azureAppGatewayHasWaf,
  azureWafPolicyPrevents,
  azurePublicDnsRecordsUsePublicAddresses,
  azurePrivateConnectivityIsRecorded,
  azureCircuitCapacityIsPlanned,
  azureFrontDoorRouteServesHttps,
  azureFrontDoorEndpointHasWaf,
  azureDataServicesRequireTls,
  azurePrivateAppHasInternetFront,
  azureApiManagementUsesModernTls,
  targetsStayInVpc,
  apiBackendIsOffPrivateNetwork,
  cognitoHostedUiHasWaf,
  classicElbNegotiatesModernTls,
  publicNamesAvoidPrivateEndpoints,
  azureNatGatewayCapacityIsPlanned,
  ecsServiceScalesBehindInternetEndpoint,
  publicZoneRecordsUsePublicAddresses,
  lbListenerUsesModernTlsPolicy,
  cloudfrontRedirectsToHttps,
  cloudfrontUsesModernTls,
  apiGatewayDomainUsesTls12,
  internetFacingAlbHasWaf,
  cloudfrontHasWaf,
  apiGatewayStageHasWaf,
  appsyncApiHasWaf,
  publicDnsRecordsUsePublicAddresses,
  internetFacingLbAdmitsInternet,
  restApiIsReachableFromInternet,
  privateConnectivityIsRecorded,
  publicNamePointsAtInternalLb,
  webIngressBeyondPrivateNetwork,
  privateCircuitCapacityIsPlanned,
  natEgressPerAvailabilityZone,
  computeBandwidthMeetsDeclaredPeak,
  apiThrottlingMeetsDeclaredPeak,
  s3WebsiteIsServedOverHttps,
  elasticacheEncryptsInTransit,
  databaseRequiresTls,
  transferServerEncryptsInTransit,
  cloudfrontSendsHsts,
  httpApiIsBehindCloudfront,
  internalWebLbIsPublished,
  resolverRuleAvoidsPrivateResolvers,
  configurationNamesServices,
  fixedCapacityBehindInternetEndpoint,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)) as Rule[];

export function findRule(idOrName: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === idOrName || rule.meta.name === idOrName);
}
