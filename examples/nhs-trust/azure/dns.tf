# The public Azure DNS zone for services moved to Azure.
resource "azurerm_dns_zone" "services" {
  name                = "services.example-trust.nhs.uk"
  resource_group_name = "rg-network"
}

# The booking name points at Front Door.
resource "azurerm_dns_cname_record" "booking" {
  name                = "booking"
  zone_name           = azurerm_dns_zone.services.name
  resource_group_name = "rg-network"
  ttl                 = 300
  record              = azurerm_cdn_frontdoor_endpoint.booking.host_name
}

# The PAS name still answers with its HSCN address: only the private network can use it.
resource "azurerm_dns_a_record" "pas" {
  name                = "pas"
  zone_name           = azurerm_dns_zone.services.name
  resource_group_name = "rg-network"
  ttl                 = 300
  records             = ["10.84.20.15"]
}
