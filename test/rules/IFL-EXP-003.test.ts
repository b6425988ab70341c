import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-003", {
  inventory: true,
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "azurerm_local_network_gateway.hscn",
      message:
        "azurerm_local_network_gateway.hscn is a local network gateway (the on-premises end of a VPN): services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    {
      file: "fail/main.tf",
      line: 9,
      column: 1,
      resource: "azurerm_virtual_network_gateway.vpn",
      message:
        "azurerm_virtual_network_gateway.vpn is a virtual network gateway (VPN or ExpressRoute): services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 1,
      resource: "azurerm_express_route_circuit.data_centre",
      message:
        "azurerm_express_route_circuit.data_centre is an ExpressRoute circuit: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
    {
      file: "fail/main.tf",
      line: 37,
      column: 1,
      resource: "azurerm_express_route_port.direct",
      message:
        "azurerm_express_route_port.direct is an ExpressRoute Direct port pair: services that depend on it rely on a private network. Record it on the asset register and plan it out.",
    },
  ],
});
