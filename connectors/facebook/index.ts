import type { Connector } from '../connector';
import { pollConversations, type PollOptions, type PollResult } from './poll';
import { deletePagePost, editPagePost, publishPagePost, type PagePost, type PublishedPost } from './publish';
import { createGraphClient, sendMessengerReply, type GraphClientOptions } from './send';

export { answerSubscriptionChallenge, isSignedByMeta } from './webhook';
export { DESK_METADATA_PREFIX, MalformedWebhookError, normaliseWebhook } from './normalise';
export { scheduleProblem, type PagePost, type PublishedPost } from './publish';

export interface FacebookConnectorOptions extends GraphClientOptions {
  pageName: string;
}

/** The Facebook Page: Messenger replies, catch-up polling, and Page posts for broadcasts. */
export interface FacebookConnector extends Connector {
  readonly channel: 'facebook';
  poll(options: Omit<PollOptions, 'pageId'>): Promise<PollResult>;
  publish(post: PagePost): Promise<PublishedPost>;
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
    poll: (pollOptions) => pollConversations(graph, { ...pollOptions, pageId: options.pageId }),
    publish: (post) => publishPagePost(graph, options.pageId, post),
    editPost: (postId, text) => editPagePost(graph, postId, text),
    deletePost: (postId) => deletePagePost(graph, postId),
  };
}
