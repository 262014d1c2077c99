import { createFacebookConnector, type FacebookConnector } from '../../connectors/facebook';
import { createTwitterConnector, type TwitterConnector } from '../../connectors/twitter';
import type { BroadcastChannel } from '../../shared/broadcasts';
import type { DeskConfig } from '../config';

/** The accounts broadcasts post to: the Facebook Page and the X account, where configured. */
export interface BroadcastConnectors {
  facebook: FacebookConnector | null;
  twitter: TwitterConnector | null;
}

export function createBroadcastConnectors(config: DeskConfig): BroadcastConnectors {
  return {
    facebook: config.facebook ? createFacebookConnector({ ...config.facebook }) : null,
    twitter: config.twitter ? createTwitterConnector({ ...config.twitter }) : null,
  };
}

export function availableBroadcastChannels(config: DeskConfig): BroadcastChannel[] {
  return [...(config.facebook ? (['facebook'] as const) : []), ...(config.twitter ? (['twitter'] as const) : [])];
}
