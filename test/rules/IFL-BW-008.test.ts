import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-008", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "azurerm_nat_gateway.egress",
      message:
        "azurerm_nat_gateway.egress is the only NAT gateway for 2 subnets in fail: up to 50 Gbps and 64,512 SNAT ports (1 public IP association(s)), in one zone's failure domain.",
    },
  ],
});
