import { Router, type RequestHandler } from 'express';
import { reportQuerySchema } from '../../shared/reports';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import { buildReport, type ReportSettings } from './reports.service';

/** Reports show the whole desk's workload, per agent too: supervisors and admins only. */
const requireSupervisor: RequestHandler = (_request, response, next) => {
  const { agent } = response.locals as AuthenticatedLocals;
  next(agent.role === 'agent' ? new HttpError(403, 'forbidden', 'Only supervisors and admins can see reports.') : undefined);
};

export function createReportRoutes(db: Database, settings: ReportSettings): Router {
  const router = Router();
  router.get('/', requireSupervisor, async (request, response) => {
    response.json(await buildReport(db, parseRequest(reportQuerySchema, request.query), settings));
  });
  return router;
}
