/** Names not known here are said as written (or by position), in HCL and Terraform JSON alike, never as "?". */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../rules/index.js";
import { scan } from "../src/scan.js";

/** A public gateway whose one HTTP listener is named by `listenerName` (an expression) and routed by one rule. */
function gatewayHcl(listenerName: string): string {
  return `resource "azurerm_application_gateway" "front" {
  name                = "front"
  resource_group_name = "rg"
  location            = "uksouth"
  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = "/subscriptions/0000/publicIPAddresses/front"
  }
  http_listener {
    name                           = ${listenerName}
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "port-80"
    protocol                       = "Http"
  }
  request_routing_rule {
    name                       = "to-app"
    rule_type                  = "Basic"
    http_listener_name         = ${listenerName}
    backend_address_pool_name  = "app"
    backend_http_settings_name = "app"
    priority                   = 10
  }
}
`;
}

const gatewayJson = JSON.stringify({
  resource: {
    azurerm_application_gateway: {
      front: {
        name: "front",
        resource_group_name: "rg",
        location: "uksouth",
        sku: [{ name: "WAF_v2", tier: "WAF_v2", capacity: 2 }],
        frontend_ip_configuration: [
          { name: "public", public_ip_address_id: "/subscriptions/0000/publicIPAddresses/front" },
        ],
        http_listener: [
          {
            name: "${local.listener}",
            frontend_ip_configuration_name: "public",
            frontend_port_name: "port-80",
            protocol: "Http",
          },
        ],
      },
    },
  },
});

function listenerMessages(files: Record<string, string>): string[] {
  const directory = mkdtempSync(join(tmpdir(), "iflint-block-labels-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, ".."), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-008")!] })
    .findings.filter((finding) => finding.ruleId === "IFL-TLS-008")
    .map((finding) => finding.message);
}

const served = (listener: string) =>
  `Listener ${listener} of azurerm_application_gateway.front serves HTTP on a public frontend without redirecting to HTTPS.`;

it("names a listener by the reference that names it, in HCL and in Terraform JSON", () => {
  expect(listenerMessages({ "hcl/main.tf": gatewayHcl("var.names.http") })).toEqual([
    served("#1 (named by var.names.http)"),
  ]);
  expect(listenerMessages({ "json/main.tf.json": gatewayJson })).toEqual([served("#1 (named by local.listener)")]);
});

it("names a listener by position alone when its name is an expression too long or too involved to quote", () => {
  expect(listenerMessages({ "main.tf": gatewayHcl('"${local.prefix}-http"') })).toEqual([served("#1")]);
});
