import { Router } from 'express';
import type { DeskDirectoryResponse } from '../../shared/api';
import type { Database } from '../db/database';
import { loadDirectory } from './teams.service';

export function createDirectoryRoutes(db: Database): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    response.json((await loadDirectory(db)) satisfies DeskDirectoryResponse);
  });
  return router;
}
