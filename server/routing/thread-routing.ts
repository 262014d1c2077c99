import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { Presence } from '../presence/presence';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadThreadSummary } from '../threads/threads.service';
import { returnUnansweredToQueue, routeWaitingThreads } from './route-threads';

/**
 * Routing as the rest of the desk uses it: something happened that may let a waiting thread
 * reach an agent (a new thread, one back in the queue, an agent on shift or back from away,
 * capacity freed). Never throws to its caller: a failed pass is logged, and the next one (or
 * the worker's sweep) catches up.
 */
export interface ThreadRouting {
  routeWaiting(): Promise<void>;
  /** The agent said they are away: their unanswered routed threads go back to the queue, and on. */
  agentStepsAway(agentId: string): Promise<void>;
  /**
   * An agent's socket closed. If they are still off shift after the grace time (not a page
   * reload or a network blip), they are treated as signed off: their routed threads move on.
   */
  agentDisconnected(agentId: string): void;
  /** Runs a pass every `everyMs` (the worker's sweep); returns a stop function. */
  startSweep(everyMs: number): () => Promise<void>;
  /** Forgets pending sign-off checks (the process is stopping). */
  close(): Promise<void>;
}

export interface ThreadRoutingDependencies {
  db: Database;
  presence: Presence;
  notifier: AgentNotifier;
  logger: Logger;
  /** The team whose routing takes threads that arrive with no team (ROUTING_DEFAULT_TEAM). */
  defaultTeam: string | null;
  /** How long an agent whose inbox closed may take to come back before their threads move on. */
  signedOffGraceMs: number;
}

export function createThreadRouting({ db, presence, notifier, logger, defaultTeam, signedOffGraceMs }: ThreadRoutingDependencies): ThreadRouting {
  const announce = async (threadIds: string[]) => {
    for (const threadId of threadIds) {
      const thread = await loadThreadSummary(db, threadId, false);
      if (thread) notifier.threadUpdated(thread);
    }
    if (threadIds.length > 0) notifier.loadChanged();
  };

  const routeWaiting = async () => {
    try {
      const available = (await presence.onShift()).filter((agent) => !agent.isAway).map((agent) => agent.agentId);
      const routed = await routeWaitingThreads(db, available, defaultTeam);
      if (routed.length > 0) logger.info({ routed: routed.length }, 'threads routed');
      await announce(routed.map((assignment) => assignment.threadId));
    } catch (error) {
      logger.error({ err: error }, 'routing pass failed');
    }
  };

  const agentStepsAway = async (agentId: string) => {
    try {
      const released = await returnUnansweredToQueue(db, agentId);
      if (released.length > 0) logger.info({ agentId, released: released.length }, 'unanswered threads returned to the queue');
      await announce(released);
    } catch (error) {
      logger.error({ err: error, agentId }, 'threads of an agent stepping away not released');
    }
    notifier.loadChanged();
    await routeWaiting();
  };

  const pendingChecks = new Set<ReturnType<typeof setTimeout>>();

  return {
    routeWaiting,
    agentStepsAway,
    agentDisconnected(agentId) {
      const timer = setTimeout(() => {
        pendingChecks.delete(timer);
        presence.onShift().then(
          (onShift) => (onShift.some((entry) => entry.agentId === agentId) ? undefined : agentStepsAway(agentId)),
          (error: unknown) => logger.warn({ err: error, agentId }, 'presence not read after a disconnection'),
        );
      }, signedOffGraceMs);
      timer.unref();
      pendingChecks.add(timer);
    },
    startSweep(everyMs) {
      if (everyMs <= 0) return async () => undefined;
      const timer = setInterval(() => void routeWaiting(), everyMs);
      timer.unref();
      return async () => clearInterval(timer);
    },
    async close() {
      for (const timer of pendingChecks) clearTimeout(timer);
      pendingChecks.clear();
    },
  };
}
