import type { Connector } from '../connector';
import { createXClient, type XClientOptions } from './client';
import { pollDirectMessages, pollIntervalMs } from './poll';
import { sendXReply } from './send';

export { crcResponseToken, isSignedByX } from './webhook';
export { compareSnowflakes, MalformedActivityError, normaliseAccountActivity, normaliseDmEvents } from './normalise';
export { toConnectorError } from './send';
export { nextPollNotBefore, pollIntervalMs } from './poll';

export interface TwitterConnectorOptions extends XClientOptions {
  userId: string;
  accountName: string;
  /** Share (0–1] of the 300 DM reads / 15 min the poller may use. */
  pollShare: number;
}

export function createTwitterConnector(options: TwitterConnectorOptions): Connector {
  const client = createXClient(options);
  const budget = { share: options.pollShare };
  return {
    channel: 'twitter',
    accountId: options.userId,
    displayName: options.accountName,
    send: (reply) => sendXReply(client, reply),
    poller: {
      intervalMs: pollIntervalMs(budget),
      poll: (cursor) => pollDirectMessages(client, options.userId, cursor, budget),
    },
  };
}
