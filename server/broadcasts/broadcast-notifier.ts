import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { BroadcastView } from '../../shared/broadcasts';
import type { ServerToAgentEvents } from '../../shared/socket';
import { INBOX_ROOM } from '../realtime/agent-notifier';

export interface BroadcastNotifier {
  broadcastUpdated(broadcast: BroadcastView): void;
}

/** Through Redis, so the worker's publishing shows live in every agent's Broadcasts page. */
export function createBroadcastNotifier(redis: Redis, adapterKey: string): BroadcastNotifier {
  const emitter = new Emitter<ServerToAgentEvents>(redis, { key: adapterKey });
  return { broadcastUpdated: (broadcast) => emitter.to(INBOX_ROOM).emit('broadcast:updated', broadcast) };
}
