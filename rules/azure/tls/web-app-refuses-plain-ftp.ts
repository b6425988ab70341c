import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import { AZURE_WEB_APP_TYPES } from "../../shared/azure.js";

/**
 * The provider's default for `site_config.ftps_state` when it is unset, by resource type: the
 * azurerm 3.x and 4.x app resources default to Disabled, the legacy function app and Logic App
 * Standard to AllAllowed; the legacy azurerm_app_service(_slot) leave it to the platform.
 */
const DEFAULT_FTPS_STATE: Record<string, string | undefined> = {
  azurerm_linux_web_app: "Disabled",
  azurerm_windows_web_app: "Disabled",
  azurerm_linux_web_app_slot: "Disabled",
  azurerm_windows_web_app_slot: "Disabled",
  azurerm_linux_function_app: "Disabled",
  azurerm_windows_function_app: "Disabled",
  azurerm_linux_function_app_slot: "Disabled",
  azurerm_windows_function_app_slot: "Disabled",
  azurerm_function_app: "AllAllowed",
  azurerm_function_app_slot: "AllAllowed",
  azurerm_logic_app_standard: "AllAllowed",
  azurerm_app_service: undefined,
  azurerm_app_service_slot: undefined,
};

const APP_TYPES = [...AZURE_WEB_APP_TYPES, "azurerm_logic_app_standard"];

/** FTP without TLS sends the deployment credentials and the site's files in clear text. */
export default defineRule({
  meta: {
    id: "IFL-TLS-026",
    name: "azure-web-app-refuses-plain-ftp",
    title: "Azure web and function apps do not accept plain FTP",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "NHS-CLOUD-DATA", "IF-C1-SEC"],
    rationale:
      'Every App Service app has an FTP endpoint on the internet for deployment. With `site_config.ftps_state = "AllAllowed"` it accepts plain FTP as well as FTPS, so the publishing credentials and the files deployed cross the internet in clear text, and anyone who reads them can replace the site. The legacy `azurerm_function_app` and `azurerm_logic_app_standard` default to AllAllowed when `ftps_state` is unset; the newer app resources default to Disabled.',
    remediation:
      'Set `site_config { ftps_state = "Disabled" }` (or `"FtpsOnly"` while a deployment still uses FTP), and deploy with zip deploy, a pipeline or a container image instead of FTP.',
    links: [
      "https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#ftps_state",
      "https://registry.terraform.io/providers/hashicorp/azurerm/3.117.0/docs/resources/function_app#ftps_state",
    ],
    messages: {
      plainFtp: 'App {resource} accepts plain FTP (ftps_state = "AllAllowed").',
      defaultFtp: 'App {resource} sets no ftps_state, so the provider default ("AllAllowed") lets it accept plain FTP.',
    },
    resourceTypes: APP_TYPES,
    limitations:
      "An unset `ftps_state` on the legacy `azurerm_app_service` and `azurerm_app_service_slot` is left to the platform, whose default has changed over time, so it is not judged. FTP basic authentication switched off at the site (`ftp_publish_basic_authentication_enabled = false`) is not credited, because FTP still answers.",
  },
  check(context) {
    context.forEachResource(APP_TYPES, (app) => {
      const siteConfig = app.firstBlock("site_config");
      if (app.blocksOfType("dynamic").some((block) => block.labels[0] === "site_config"))
        return context.unknown(app, "site_config generated dynamically");
      const state = siteConfig?.attribute("ftps_state");
      if (state && state.value !== null) {
        if (isUnknown(state.value)) return context.unknown(app, "ftps_state not known");
        if (asString(state.value) !== "AllAllowed") return context.pass(app);
        return context.report({ node: state, messageId: "plainFtp", data: { resource: app.address }, resource: app });
      }
      const fallback = DEFAULT_FTPS_STATE[app.resourceType];
      if (fallback === undefined) return context.unknown(app, "ftps_state left to the platform default");
      if (fallback !== "AllAllowed") return context.pass(app);
      context.report({
        node: siteConfig ?? app,
        messageId: "defaultFtp",
        data: { resource: app.address },
        resource: app,
      });
    });
  },
});
