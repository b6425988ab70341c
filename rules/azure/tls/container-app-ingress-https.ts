import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, isUnknown } from "../../../src/model/value.js";

/** Container Apps redirect HTTP to HTTPS unless told to accept it. */
export default defineRule({
  meta: {
    id: "IFL-TLS-023",
    name: "azure-container-app-ingress-https",
    title: "Azure Container Apps with external ingress do not accept plain HTTP",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "A container app's ingress redirects HTTP to HTTPS by default. With `allow_insecure_connections = true` on an external ingress it also serves the application over plain HTTP, where it can be read and altered in transit; GOV.UK's service manual allows HTTP only to redirect.",
    remediation:
      "Remove `allow_insecure_connections` from the `ingress` block (or set it to `false`), so HTTP requests are redirected to HTTPS.",
    links: [
      "https://learn.microsoft.com/azure/container-apps/ingress-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_app",
    ],
    messages: {
      insecure:
        "Container app {resource} serves plain HTTP on its external ingress (allow_insecure_connections = true).",
    },
    resourceTypes: ["azurerm_container_app"],
    limitations:
      "Only external ingress (`external_enabled = true`) is judged; internal ingress stays inside the Container Apps environment. An environment with an internal load balancer is external to the environment but not to the internet, and is judged all the same. `azapi_resource` bodies of Microsoft.App/containerApps are read too (`configuration.ingress.external` and `allowInsecure`).",
  },
  check(context) {
    context.forEachResource("azurerm_container_app", (app) => {
      for (const ingress of app.blocksOfType("ingress")) {
        const external = ingress.value("external_enabled");
        const insecure = ingress.attribute("allow_insecure_connections");
        if (isUnknown(external) || isUnknown(insecure?.value)) {
          context.unknown(app, "ingress settings not known");
          continue;
        }
        if (asBoolean(external) !== true) continue;
        if (insecure && asBoolean(insecure.value) === true)
          context.report({ node: insecure, messageId: "insecure", data: { resource: app.address }, resource: app });
        else context.pass(app);
      }
      if (app.blocksOfType("dynamic").some((block) => block.labels[0] === "ingress"))
        context.unknown(app, "ingress is generated dynamically");
    });
  },
});
