import { Router } from 'express';
import { reportQuerySchema } from '../../shared/reports';
import type { Database } from '../db/database';
import { parseRequest } from '../http/validation';
import { buildReport, type ReportSettings } from './reports.service';

/** Reports show the whole desk's workload, per agent too: supervisors, admins and `reports:read` tokens (server/auth/route-policy.ts). */
export function createReportRoutes(db: Database, settings: ReportSettings): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    response.json(await buildReport(db, parseRequest(reportQuerySchema, request.query), settings));
  });
  return router;
}
