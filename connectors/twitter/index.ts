import type { Connector, ImageFile } from '../connector';
import { createXClient, type XClientOptions } from './client';
import { pollDirectMessages, pollIntervalMs } from './poll';
import { deleteXPost, publishThread, type PublishedThread, type ThreadResume } from './publish';
import { sendXReply } from './send';

export { crcResponseToken, isSignedByX } from './webhook';
export { compareSnowflakes, isSameXText, MalformedActivityError, normaliseAccountActivity, normaliseDmEvents } from './normalise';
export { toConnectorError } from './send';
export { nextPollNotBefore, pollIntervalMs } from './poll';
export type { PublishedThread, ThreadResume } from './publish';

export interface TwitterConnectorOptions extends XClientOptions {
  userId: string;
  accountName: string;
  /** Share (0–1] of the 300 DM reads / 15 min the poller may use. */
  pollShare: number;
}

/** The X account: DMs, and posts (numbered threads) for broadcasts. */
export interface TwitterConnector extends Connector {
  readonly channel: 'twitter';
  /**
   * Posts the parts not yet in `postedIds`, each replying to the one before; with `resume`, a part
   * an interrupted attempt posted unheard is found on X and kept rather than posted twice.
   */
  publish(
    parts: string[],
    postedIds: string[],
    onPartPosted: (index: number, postId: string) => Promise<void>,
    images?: ImageFile[],
    resume?: ThreadResume,
  ): Promise<PublishedThread>;
  deletePost(postId: string): Promise<void>;
}

export function createTwitterConnector(options: TwitterConnectorOptions): TwitterConnector {
  const client = createXClient(options);
  const budget = { share: options.pollShare };
  return {
    channel: 'twitter',
    accountId: options.userId,
    displayName: options.accountName,
    send: (reply) => sendXReply(client, reply),
    publish: (parts, postedIds, onPartPosted, images, resume) =>
      publishThread(client, parts, postedIds, onPartPosted, images, resume ? { ...resume, accountId: options.userId } : null),
    deletePost: (postId) => deleteXPost(client, postId),
    poller: {
      intervalMs: pollIntervalMs(budget),
      poll: (cursor) => pollDirectMessages(client, options.userId, cursor, budget),
    },
  };
}
