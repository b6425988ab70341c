/** What the register needs to know of a DNS record, whichever provider declares it. */
import type { ResourceNode } from "../model/nodes.js";

export interface DnsRecordFacts {
  type: string;
  name: string;
  /** The zone is in the scan and public; undefined when the zone cannot be traced. */
  publicZone: boolean | undefined;
  /** Resources the record aliases or lists (a load balancer, a Front Door endpoint). */
  targets: ResourceNode[];
  values: string[];
  alias: boolean;
}
