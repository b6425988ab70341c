# Appointment booking: a web app published through Front Door Premium with a WAF in Prevention
# mode, HTTPS only, on the trust's own name. The pattern to copy.
resource "azurerm_linux_web_app" "booking" {
  name                = "trust-booking"
  resource_group_name = azurerm_resource_group.services.name
  location            = azurerm_resource_group.services.location
  service_plan_id     = azurerm_service_plan.services.id
  https_only          = true

  site_config {
    minimum_tls_version = "1.2"
  }

  tags = {
    Service = "Appointment booking"
  }
}

resource "azurerm_cdn_frontdoor_profile" "public" {
  name                = "fd-trust-public"
  resource_group_name = azurerm_resource_group.services.name
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_endpoint" "booking" {
  name                     = "booking"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.public.id
}

resource "azurerm_cdn_frontdoor_origin_group" "booking" {
  name                     = "booking"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.public.id

  load_balancing {}
}

resource "azurerm_cdn_frontdoor_origin" "booking" {
  name                           = "booking-app"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.booking.id
  enabled                        = true
  host_name                      = azurerm_linux_web_app.booking.default_hostname
  origin_host_header             = azurerm_linux_web_app.booking.default_hostname
  certificate_name_check_enabled = true
}

resource "azurerm_cdn_frontdoor_custom_domain" "booking" {
  name                     = "booking-example-trust-nhs-uk"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.public.id
  host_name                = "booking.example-trust.nhs.uk"

  tls {
    certificate_type = "ManagedCertificate"
  }
}

resource "azurerm_cdn_frontdoor_route" "booking" {
  name                            = "booking"
  cdn_frontdoor_endpoint_id       = azurerm_cdn_frontdoor_endpoint.booking.id
  cdn_frontdoor_origin_group_id   = azurerm_cdn_frontdoor_origin_group.booking.id
  cdn_frontdoor_origin_ids        = [azurerm_cdn_frontdoor_origin.booking.id]
  cdn_frontdoor_custom_domain_ids = [azurerm_cdn_frontdoor_custom_domain.booking.id]
  patterns_to_match               = ["/*"]
  supported_protocols             = ["Http", "Https"]
  https_redirect_enabled          = true
  forwarding_protocol             = "HttpsOnly"
}

resource "azurerm_cdn_frontdoor_firewall_policy" "public" {
  name                = "wafTrustPublic"
  resource_group_name = azurerm_resource_group.services.name
  sku_name            = azurerm_cdn_frontdoor_profile.public.sku_name
  mode                = "Prevention"

  managed_rule {
    type    = "Microsoft_DefaultRuleSet"
    version = "2.1"
    action  = "Block"
  }
}

resource "azurerm_cdn_frontdoor_security_policy" "public" {
  name                     = "public-waf"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.public.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.public.id

      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_custom_domain.booking.id
        }
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.booking.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
