import type { Connector } from '../connector';
import { pollConversations, type PollOptions, type PollResult } from './poll';
import { deletePagePost, editPagePost, findRecentPagePost, publishPagePost, type PagePost, type PublishedPost } from './publish';
import { createGraphClient, sendMessengerReply, type GraphClientOptions } from './send';
import { lookupUserName } from './profile';

export { answerSubscriptionChallenge, isSignedByMeta } from './webhook';
export { DESK_METADATA_PREFIX, MalformedWebhookError, normaliseWebhook } from './normalise';
export { scheduleProblem, type PagePost, type PublishedPost } from './publish';

export interface FacebookConnectorOptions extends GraphClientOptions {
  pageName: string;
}

/** What a catch-up poll needs from the poller; the connector knows its own account and platform. */
export type CatchUpOptions = Omit<PollOptions, 'pageId' | 'platform' | 'channel' | 'accountId'>;

/** A Messenger Platform account — the Page, or an Instagram account linked to it: DMs and polling. */
export interface MessengerPlatformConnector extends Connector {
  readonly channel: 'facebook' | 'instagram';
  poll(options: CatchUpOptions): Promise<PollResult>;
}

/** The Facebook Page: Messenger replies, catch-up polling, and Page posts for broadcasts. */
export interface FacebookConnector extends MessengerPlatformConnector {
  readonly channel: 'facebook';
  publish(post: PagePost): Promise<PublishedPost>;
  /** The Page's post with this exact text made since `since`, if any (reconciles a publish whose answer was lost). */
  findRecentPost(text: string, since: Date, isScheduled: boolean): Promise<PublishedPost | null>;
  editPost(postId: string, text: string): Promise<void>;
  deletePost(postId: string): Promise<void>;
}

export function createFacebookConnector(options: FacebookConnectorOptions): FacebookConnector {
  const graph = createGraphClient(options);
  return {
    channel: 'facebook',
    accountId: options.pageId,
    displayName: options.pageName,
    send: (reply) => sendMessengerReply(graph, options, reply),
    lookupSenderName: (psid) => lookupUserName(graph, psid),
    poll: (catchUp) =>
      pollConversations(graph, { ...catchUp, pageId: options.pageId, platform: 'messenger', channel: 'facebook', accountId: options.pageId }),
    publish: (post) => publishPagePost(graph, options.pageId, post),
    findRecentPost: (text, since, isScheduled) => findRecentPagePost(graph, options.pageId, text, since, isScheduled),
    editPost: (postId, text) => editPagePost(graph, postId, text),
    deletePost: (postId) => deletePagePost(graph, postId),
  };
}

export interface InstagramConnectorOptions extends GraphClientOptions {
  instagramAccountId: string;
  displayName: string;
}

/**
 * Instagram DMs through the Messenger Platform (contracts/platforms.md §9): its own channel, but
 * the Page's token, the Page's Send API (`recipient.id` = IGSID) and `platform=instagram` polling.
 */
export function createInstagramConnector(options: InstagramConnectorOptions): MessengerPlatformConnector {
  const graph = createGraphClient(options);
  return {
    channel: 'instagram',
    accountId: options.instagramAccountId,
    displayName: options.displayName,
    send: (reply) => sendMessengerReply(graph, options, reply),
    poll: (catchUp) =>
      pollConversations(graph, {
        ...catchUp,
        pageId: options.pageId,
        platform: 'instagram',
        channel: 'instagram',
        accountId: options.instagramAccountId,
      }),
  };
}
