import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";
import { AZURE_WEB_APP_TYPES } from "../../shared/azure.js";

/** App Service answers plain HTTP unless told not to: the provider's default for https_only is false. */
export default defineRule({
  meta: {
    id: "IFL-TLS-006",
    name: "azure-web-app-https-only",
    title: "Azure web and function apps accept HTTPS only, with TLS 1.2 or later",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "An App Service app is on the internet from the moment it is created. With `https_only` false (the provider's default) it also serves plain HTTP, and a `minimum_tls_version` below 1.2 lets clients negotiate deprecated TLS 1.0 or 1.1.",
    remediation: 'Set `https_only = true` and, in `site_config`, `minimum_tls_version = "1.2"` (or "1.3").',
    links: [
      "https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app",
    ],
    messages: {
      httpAllowed: "App {resource} also serves plain HTTP (https_only is {value}).",
      weakTls: "App {resource} accepts TLS {version}; the minimum should be 1.2.",
    },
    resourceTypes: [...AZURE_WEB_APP_TYPES],
    limitations:
      "`https_only` left unset is reported, because the azurerm default is false. `minimum_tls_version` left unset follows the provider default (1.2). The SCM (Kudu) site's TLS minimum is not judged, and HTTPS enforced by a front door or gateway in front of the app is not credited.",
  },
  check(context) {
    context.forEachResource(AZURE_WEB_APP_TYPES, (app) => {
      const httpsOnly = app.attribute("https_only");
      if (isUnknown(httpsOnly?.value)) context.unknown(app, "https_only not known");
      else if (asBoolean(httpsOnly?.value) !== true)
        context.report({
          node: httpsOnly ?? app,
          messageId: "httpAllowed",
          data: { resource: app.address, value: httpsOnly ? String(httpsOnly.value) : "unset; the default is false" },
          resource: app,
        });
      else context.pass(app);
      for (const siteConfig of app.blocksOfType("site_config")) {
        const minimum = siteConfig.attribute("minimum_tls_version") ?? siteConfig.attribute("min_tls_version");
        const version = asString(minimum?.value);
        if (minimum && (version === "1.0" || version === "1.1"))
          context.report({
            node: minimum,
            messageId: "weakTls",
            data: { resource: app.address, version },
            resource: app,
          });
      }
    });
  },
});
