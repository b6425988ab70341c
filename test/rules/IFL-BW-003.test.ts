import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-003", {
  inventory: true,
  fail: [
    {
      file: "fail/direct.tf",
      line: 7,
      column: 25,
      resource: "azurerm_express_route_port.direct",
      message:
        "azurerm_express_route_port.direct is an ExpressRoute Direct port pair of 10000 Mbit/s: size the internet connectivity that will carry its traffic.",
    },
    {
      file: "fail/direct.tf",
      line: 16,
      column: 27,
      resource: "azurerm_express_route_circuit.on_direct",
      message:
        "azurerm_express_route_circuit.on_direct is an ExpressRoute circuit of 5000 Mbit/s: size the internet connectivity that will carry its traffic.",
    },
    {
      file: "fail/main.tf",
      line: 15,
      column: 25,
      resource: "azurerm_virtual_network_gateway.vpn",
      message:
        "azurerm_virtual_network_gateway.vpn is a VPN gateway of SKU VpnGw1 (about 650 Mbit/s): size the internet connectivity that will carry its traffic.",
    },
    {
      file: "fail/main.tf",
      line: 29,
      column: 27,
      resource: "azurerm_express_route_circuit.data_centre",
      message:
        "azurerm_express_route_circuit.data_centre is an ExpressRoute circuit of 1000 Mbit/s: size the internet connectivity that will carry its traffic.",
    },
    {
      file: "fail/main.tf",
      line: 43,
      column: 25,
      resource: "azurerm_virtual_network_gateway.expressroute",
      message:
        "azurerm_virtual_network_gateway.expressroute is an ExpressRoute gateway of SKU Standard (about 1000 Mbit/s): size the internet connectivity that will carry its traffic.",
    },
    {
      file: "fail/main.tf",
      line: 58,
      column: 25,
      resource: "azurerm_virtual_network_gateway.vpn_gen2",
      message:
        "azurerm_virtual_network_gateway.vpn_gen2 is a VPN gateway of SKU VpnGw2AZ (about 1250 Mbit/s): size the internet connectivity that will carry its traffic.",
    },
  ],
});
