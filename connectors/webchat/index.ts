import type { Connector } from '../connector';
import { sendChatReply, storeReportReply, type VisitorDelivery } from './send';

export { normaliseChatMessage, normaliseReport, normaliseReportAddition } from './normalise';
export type { VisitorDelivery } from './send';
export { createVisitorTokens, type VisitorTokens } from './visitor-token';

/** The force's website is the "account" both public channels belong to. */
export const WEBSITE_ACCOUNT_ID = 'website';

export function createWebchatConnector(delivery: VisitorDelivery): Connector {
  return {
    channel: 'webchat',
    accountId: WEBSITE_ACCOUNT_ID,
    displayName: 'Web chat',
    send: async (reply) => sendChatReply(delivery, reply),
  };
}

export function createReportFormConnector(): Connector {
  return {
    channel: 'report_form',
    accountId: WEBSITE_ACCOUNT_ID,
    displayName: 'Online reports',
    send: async () => storeReportReply(),
  };
}
