import type { RequestHandler } from 'express';
import type { AgentRole } from '../../shared/constants';
import { HttpError } from '../http/errors';
import type { AuthenticatedLocals } from './session';

/** Lets through only agents with one of these roles (after requireAgent). */
export function requireRole(...roles: AgentRole[]): RequestHandler {
  return (_request, response, next) => {
    const { agent } = response.locals as AuthenticatedLocals;
    next(roles.includes(agent.role) ? undefined : new HttpError(403, 'forbidden', `Only a ${roles.join(' or ')} can do this.`));
  };
}
