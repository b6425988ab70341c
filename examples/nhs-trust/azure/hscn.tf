# The private path to HSCN: an ExpressRoute circuit and its gateway, to plan out and size.
resource "azurerm_express_route_circuit" "hscn" {
  name                  = "erc-hscn"
  resource_group_name   = "rg-network"
  location              = "uksouth"
  service_provider_name = "Equinix"
  peering_location      = "London"
  bandwidth_in_mbps     = 200

  sku {
    tier   = "Standard"
    family = "MeteredData"
  }
}

resource "azurerm_virtual_network_gateway" "hscn" {
  name                = "vgw-hscn"
  resource_group_name = "rg-network"
  location            = "uksouth"
  type                = "ExpressRoute"
  sku                 = "ErGw1AZ"

  ip_configuration {
    public_ip_address_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/publicIPAddresses/pip-vgw-hscn"
    subnet_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-trust/subnets/GatewaySubnet"
  }
}
