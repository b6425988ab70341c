/** API Gateway facts shared by rules. */
import type { ResourceNode } from "../../src/model/nodes.js";
import { isUnknown } from "../../src/model/value.js";

/** A REST API's endpoint types; EDGE when no endpoint_configuration is given (the provider default). */
export function endpointTypes(api: ResourceNode): string[] | undefined {
  const configuration = api.firstBlock("endpoint_configuration");
  if (!configuration) return ["EDGE"];
  const types = configuration.value("types");
  if (isUnknown(types) || !Array.isArray(types) || !types.every((type) => typeof type === "string")) return undefined;
  return types as string[];
}
