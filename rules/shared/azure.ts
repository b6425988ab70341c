/** Azure (azurerm) facts shared by rules. */
export const AZURE_WEB_APP_TYPES = [
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_app_service",
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_function_app",
  // Deployment slots are sites of their own, with their own settings and defaults.
  "azurerm_linux_web_app_slot",
  "azurerm_windows_web_app_slot",
  "azurerm_app_service_slot",
  "azurerm_linux_function_app_slot",
  "azurerm_windows_function_app_slot",
  "azurerm_function_app_slot",
] as const;

/** Application Gateway predefined SSL policies and the oldest TLS version they allow. */
export const APP_GATEWAY_POLICIES: Record<string, "1.0" | "1.1" | "1.2"> = {
  AppGwSslPolicy20150501: "1.0",
  AppGwSslPolicy20170401: "1.1",
  AppGwSslPolicy20170401S: "1.2",
  AppGwSslPolicy20220101: "1.2",
  AppGwSslPolicy20220101S: "1.2",
};

/** The policy applied when `ssl_policy` is absent (per the provider and Azure documentation). */
export const APP_GATEWAY_DEFAULT_POLICY = "AppGwSslPolicy20150501";

/** Approximate aggregate throughput of virtual network gateway SKUs, in Mbit/s (Microsoft's published figures). */
export const GATEWAY_SKU_MBPS: Record<string, number> = {
  Basic: 100,
  VpnGw1: 650,
  VpnGw1AZ: 650,
  VpnGw2: 1000,
  VpnGw2AZ: 1000,
  VpnGw3: 1250,
  VpnGw3AZ: 1250,
  VpnGw4: 5000,
  VpnGw4AZ: 5000,
  VpnGw5: 10000,
  VpnGw5AZ: 10000,
  Standard: 1000,
  HighPerformance: 2000,
  UltraPerformance: 10000,
  ErGw1AZ: 1000,
  ErGw2AZ: 2000,
  ErGw3AZ: 10000,
  ErGwScale: 1000,
};
