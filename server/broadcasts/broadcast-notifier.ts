import type { Redis } from 'ioredis';
import type { BroadcastView } from '../../shared/broadcasts';
import type { ServerToAgentEvents } from '../../shared/socket';
import type { Logger } from '../logger';
import { INBOX_ROOM } from '../realtime/agent-notifier';
import { createSocketEmitter } from '../realtime/socket-emitter';

export interface BroadcastNotifier {
  broadcastUpdated(broadcast: BroadcastView): void;
}

/** Through Redis, so the worker's publishing shows live in every agent's Broadcasts page. */
export function createBroadcastNotifier(redis: Redis, adapterKey: string, logger: Logger): BroadcastNotifier {
  const emitter = createSocketEmitter<ServerToAgentEvents>(redis, adapterKey, logger);
  return { broadcastUpdated: (broadcast) => emitter.to(INBOX_ROOM).emit('broadcast:updated', broadcast) };
}
