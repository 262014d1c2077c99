import type { Connector } from '../../connectors/connector';
import type { ChannelType } from '../../shared/constants';

/** The connectors this desk was configured with, found by the channel a thread came in on. */
export class ConnectorRegistry {
  private readonly connectors = new Map<string, Connector>();

  constructor(connectors: Connector[]) {
    for (const connector of connectors) this.connectors.set(keyOf(connector.channel, connector.accountId), connector);
  }

  find(channel: ChannelType, accountId: string): Connector | undefined {
    return this.connectors.get(keyOf(channel, accountId));
  }

  all(): Connector[] {
    return [...this.connectors.values()];
  }
}

function keyOf(channel: ChannelType, accountId: string): string {
  return `${channel}/${accountId}`;
}
