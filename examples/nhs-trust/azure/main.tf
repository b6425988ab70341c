# The trust's Azure estate: a separate root module beside the AWS one.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "services" {
  name     = "rg-trust-services"
  location = "uksouth"
}

resource "azurerm_service_plan" "services" {
  name                = "plan-trust-services"
  resource_group_name = azurerm_resource_group.services.name
  location            = azurerm_resource_group.services.location
  os_type             = "Linux"
  sku_name            = "P1v3"
}
