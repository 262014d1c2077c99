import type { Connector } from '../connector';
import { createGraphClient, sendMessengerReply, type GraphClientOptions } from './send';

export { answerSubscriptionChallenge, isSignedByMeta } from './webhook';
export { MalformedWebhookError, normaliseWebhook } from './normalise';

export interface FacebookConnectorOptions extends GraphClientOptions {
  pageName: string;
}

export function createFacebookConnector(options: FacebookConnectorOptions): Connector {
  const graph = createGraphClient(options);
  return {
    channel: 'facebook',
    accountId: options.pageId,
    displayName: options.pageName,
    send: (reply) => sendMessengerReply(graph, options.pageId, reply),
  };
}
