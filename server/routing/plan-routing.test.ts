import { describe, expect, it } from 'vitest';
import type { Language, RiskLevel, RoutingMode } from '../../shared/constants';
import { planRouting, type RoutingCandidate, type WaitingThread } from './plan-routing';

const TEAM = 'team-cid';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function thread(id: string, options: { risk?: RiskLevel; language?: Language | null; minutesAgo?: number } = {}): WaitingThread {
  return { id, teamId: TEAM, risk: options.risk ?? 'routine', language: options.language ?? null, createdAt: minutesAgo(options.minutesAgo ?? 1) };
}

function agent(agentId: string, options: { open?: number; limit?: number; languages?: Language[]; lastRouted?: Date | null } = {}): RoutingCandidate {
  return {
    agentId,
    lastRoutedAt: new Map([[TEAM, options.lastRouted ?? null]]),
    openThreads: options.open ?? 0,
    threadLimit: options.limit ?? 3,
    languages: options.languages ?? ['en'],
  };
}

const mode = (routingMode: RoutingMode) => new Map([[TEAM, routingMode]]);
const owners = (plan: ReturnType<typeof planRouting>) => Object.fromEntries(plan.map((entry) => [entry.threadId, entry.agentId]));

describe('push routing', () => {
  it('gives each thread to the agent with the fewest open threads', () => {
    const plan = planRouting([thread('t1'), thread('t2', { minutesAgo: 0 })], [agent('busy', { open: 2 }), agent('idle', { open: 0 })], mode('push'));
    expect(owners(plan)).toEqual({ t1: 'idle', t2: 'idle' });
  });

  it('never takes an agent past their limit, leaving the rest waiting', () => {
    const waiting = ['t1', 't2', 't3', 't4', 't5'].map((id, index) => thread(id, { minutesAgo: 10 - index }));
    const plan = planRouting(waiting, [agent('ann', { limit: 2 }), agent('bob', { open: 2, limit: 3 })], mode('push'));
    expect(plan).toHaveLength(3);
    expect(plan.filter((entry) => entry.agentId === 'ann')).toHaveLength(2);
    expect(plan.filter((entry) => entry.agentId === 'bob')).toHaveLength(1);
  });

  it('routes highest risk first, then the oldest', () => {
    const waiting = [thread('old-routine', { minutesAgo: 30 }), thread('new-emergency', { risk: 'emergency', minutesAgo: 1 }), thread('priority', { risk: 'priority', minutesAgo: 5 })];
    const plan = planRouting(waiting, [agent('ann', { limit: 2 })], mode('push'));
    expect(plan.map((entry) => entry.threadId)).toEqual(['new-emergency', 'priority']);
  });

  it('gives a Welsh thread only to an agent who reads Welsh, and the next thread may still go out', () => {
    const waiting = [thread('welsh', { language: 'cy', minutesAgo: 5 }), thread('english', { language: 'en', minutesAgo: 1 })];
    const plan = planRouting(waiting, [agent('english-only', { languages: ['en'] })], mode('push'));
    expect(owners(plan)).toEqual({ english: 'english-only' });
    const withWelsh = planRouting(waiting, [agent('english-only'), agent('bilingual', { open: 2, languages: ['en', 'cy'] })], mode('push'));
    expect(owners(withWelsh)).toEqual({ welsh: 'bilingual', english: 'english-only' });
  });

  it('routes nothing for a team whose routing is off, or to an agent of another team', () => {
    expect(planRouting([thread('t1')], [agent('ann')], mode('off'))).toEqual([]);
    const outsider: RoutingCandidate = { ...agent('out'), lastRoutedAt: new Map([['team-other', null]]) };
    expect(planRouting([thread('t1')], [outsider], mode('push'))).toEqual([]);
  });
});

describe('round-robin routing', () => {
  it('takes the team’s agents in turn, starting with whoever waited longest, whatever their load (within their limit)', () => {
    const waiting = ['t1', 't2', 't3', 't4'].map((id, index) => thread(id, { minutesAgo: 10 - index }));
    const candidates = [agent('ann', { lastRouted: minutesAgo(1), open: 0 }), agent('bob', { lastRouted: minutesAgo(20), open: 2 }), agent('cat', { lastRouted: minutesAgo(5), open: 1, limit: 9 })];
    const plan = planRouting(waiting, candidates, mode('round_robin'));
    expect(plan.map((entry) => entry.agentId)).toEqual(['bob', 'cat', 'ann', 'cat']); // bob reached his limit of 3 after one
  });
});
