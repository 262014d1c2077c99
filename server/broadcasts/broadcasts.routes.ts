import { Router } from 'express';
import { z } from 'zod';
import {
  BROADCAST_CHANNELS,
  broadcastDraftSchema,
  broadcastListQuerySchema,
  broadcastReturnSchema,
  broadcastWithdrawalSchema,
  type BroadcastListResponse,
  type BroadcastResponse,
} from '../../shared/broadcasts';
import type { AuthenticatedLocals } from '../auth/session';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import {
  approveBroadcast,
  draftBroadcast,
  editBroadcast,
  retryChannel,
  returnBroadcast,
  submitBroadcast,
  withdrawBroadcast,
  type BroadcastCommandDependencies,
} from './broadcast.commands';
import type { BroadcastNotifier } from './broadcast-notifier';
import { loadBroadcastView, loadBroadcastViews } from './broadcast.presenter';

const idSchema = z.string().uuid('not an id');

/** `/api/broadcasts`: routes validate, authorise through the command, and present the result. */
export function createBroadcastRoutes(deps: BroadcastCommandDependencies & { notifier: BroadcastNotifier }): Router {
  const router = Router();
  const settings = () => ({
    areaTags: deps.policy.areaTags,
    templatesNeedingApproval: deps.policy.templatesNeedingApproval,
    reminderAfterHours: deps.policy.reminderAfterHours,
    channels: deps.channels,
  });
  const present = async (id: string): Promise<BroadcastResponse> => {
    const broadcast = await loadBroadcastView(deps.db, deps.policy, id);
    if (!broadcast) throw new HttpError(404, 'broadcast_not_found', 'No such broadcast.');
    deps.notifier.broadcastUpdated(broadcast);
    return { broadcast };
  };

  router.get('/', async (request, response) => {
    const { area } = parseRequest(broadcastListQuerySchema, request.query);
    const broadcasts = await loadBroadcastViews(deps.db, deps.policy, { areaTag: area });
    response.json({ broadcasts, settings: settings() } satisfies BroadcastListResponse);
  });
  router.get('/:id', async (request, response) => {
    const broadcast = await loadBroadcastView(deps.db, deps.policy, parseRequest(idSchema, request.params.id));
    if (!broadcast) throw new HttpError(404, 'broadcast_not_found', 'No such broadcast.');
    response.json({ broadcast } satisfies BroadcastResponse);
  });
  router.post('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = await draftBroadcast(deps, agent, parseRequest(broadcastDraftSchema, request.body));
    response.status(201).json(await present(id));
  });
  router.put('/:id', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    await editBroadcast(deps, agent, id, parseRequest(broadcastDraftSchema, request.body));
    response.json(await present(id));
  });
  router.post('/:id/submit', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    await submitBroadcast(deps, agent, id);
    response.json(await present(id));
  });
  router.post('/:id/approve', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    await approveBroadcast(deps, agent, id);
    response.json(await present(id));
  });
  router.post('/:id/return', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    await returnBroadcast(deps, agent, id, parseRequest(broadcastReturnSchema, request.body).comment);
    response.json(await present(id));
  });
  router.post('/:id/channels/:channel/retry', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    const channel = parseRequest(z.enum(BROADCAST_CHANNELS), request.params.channel);
    await retryChannel(deps, agent, id, channel);
    response.json(await present(id));
  });
  router.post('/:id/withdraw', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const id = parseRequest(idSchema, request.params.id);
    const { updateId } = await withdrawBroadcast(deps, agent, id, parseRequest(broadcastWithdrawalSchema, request.body ?? {}));
    if (updateId) await present(updateId);
    response.json(await present(id));
  });
  return router;
}
