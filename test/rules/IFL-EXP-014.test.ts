import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-014", {
  fail: [
    {
      file: "fail/main.tf",
      line: 15,
      column: 61,
      resource: "aws_ecs_task_definition.mhs",
      message:
        "aws_ecs_task_definition.mhs container_definitions names msg.int.spine2.ncrs.nhs.uk (Spine messaging (MHS ebXML reliable/sync messaging) and MESH over HSCN, integration), reachable only over HSCN; use MESH API / MESH client over the internet (integration) at msg.intspineservices.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 16,
      column: 39,
      resource: "aws_ecs_task_definition.mhs",
      message:
        "aws_ecs_task_definition.mhs container_definitions names ldap.nis1.national.ncrs.nhs.uk (Spine Directory Service (SDS) LDAP, integration), reachable only over HSCN; use Spine Directory Service - FHIR API (API platform, integration) at int.api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 24,
      column: 11,
      resource: "aws_ssm_parameter.spine_proxy",
      message:
        "aws_ssm_parameter.spine_proxy value names proxy.int.spine2.ncrs.nhs.uk (Spine Secure Proxy (SSP) for GP Connect and other brokered FHIR APIs, integration (HSCN)), reachable only over HSCN; use Clinical Data Gateway API on the API platform (GP Connect Access Record: Structured over the internet) at api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 36,
      column: 18,
      resource: "aws_lambda_function.ers_poller",
      message:
        "aws_lambda_function.ers_poller variables names dev3.ers.ncrs.nhs.uk (e-Referral Service (e-RS) APIs over HSCN (dev/int/dep/live)), reachable only over HSCN; use e-Referral Service - FHIR API on the API platform at api.service.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 37,
      column: 18,
      resource: "aws_lambda_function.ers_poller",
      message:
        "aws_lambda_function.ers_poller variables names mesh-sync.national.ncrs.nhs.uk (MESH over HSCN, production), reachable only over HSCN; use MESH API / MESH client over the internet at mesh-sync.spineservices.nhs.uk",
    },
    {
      file: "fail/main.tf",
      line: 38,
      column: 18,
      resource: "aws_lambda_function.ers_poller",
      message:
        "aws_lambda_function.ers_poller variables names am.nhsspit-2.ptl.nhsd-esa.net (Legacy NHS Identity sandpit (pre-CIS2 OIDC PTL)); check whether it is reachable over the internet (the catalogue does not know its network) and record the dependency",
    },
    {
      file: "fail/private-endpoints.tf",
      line: 10,
      column: 18,
      resource: "aws_lambda_function.pacs_sync",
      message:
        "aws_lambda_function.pacs_sync variables names pacs.hscn.example-trust.nhs.uk (the organisation's private endpoint: only on the trust's HSCN-facing DNS), reachable only over HSCN; no internet route is known yet: record the dependency on the register and the plan",
    },
  ],
});
