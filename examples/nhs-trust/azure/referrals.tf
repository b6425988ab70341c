# GP referrals: an older Windows web app behind a public Application Gateway without a WAF,
# listening on plain HTTP, and allowing TLS 1.0 for a legacy client.
resource "azurerm_windows_web_app" "referrals" {
  name                = "trust-referrals"
  resource_group_name = azurerm_resource_group.services.name
  location            = azurerm_resource_group.services.location
  service_plan_id     = azurerm_service_plan.services.id

  site_config {
    minimum_tls_version = "1.0"
  }

  tags = {
    Service = "GP referrals"
  }
}

resource "azurerm_public_ip" "referrals" {
  name                = "pip-referrals"
  resource_group_name = azurerm_resource_group.services.name
  location            = azurerm_resource_group.services.location
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_application_gateway" "referrals" {
  name                = "agw-referrals"
  resource_group_name = azurerm_resource_group.services.name
  location            = azurerm_resource_group.services.location

  sku {
    name     = "Standard_v2"
    tier     = "Standard_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-trust/subnets/appgw"
  }

  frontend_port {
    name = "http"
    port = 80
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.referrals.id
  }

  backend_address_pool {
    name  = "referrals"
    fqdns = [azurerm_windows_web_app.referrals.default_hostname]
  }

  backend_http_settings {
    name                  = "referrals"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }

  request_routing_rule {
    name                       = "referrals"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "http"
    backend_address_pool_name  = "referrals"
    backend_http_settings_name = "referrals"
  }
}

# Referral letters: a storage account still accepting TLS 1.0.
resource "azurerm_storage_account" "letters" {
  name                     = "sttrustletters"
  resource_group_name      = azurerm_resource_group.services.name
  location                 = azurerm_resource_group.services.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_0"
}
