import type { Express } from 'express';

export interface RegisteredRoute {
  method: string;
  /** Express 5 path syntax (`/api/threads/:threadId`), or a RegExp's source for a pattern route. */
  path: string;
  isPattern: boolean;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route registered on the app, found by walking the Express 5 router stack (mounted routers
 * included, their mount paths joined), so tests can check each one has an authorization rule and
 * an OpenAPI entry without anyone keeping a list by hand.
 */
export function listRegisteredRoutes(app: Express): RegisteredRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  return walk(root.stack, '');
}

function walk(stack: Layer[], prefix: string): RegisteredRoute[] {
  return stack.flatMap((layer): RegisteredRoute[] => {
    if (layer.route) {
      const { path, methods } = layer.route;
      const isPattern = typeof path !== 'string';
      const full = isPattern ? `${prefix}${String(path)}` : join(prefix, path as string);
      return Object.keys(methods)
        .filter((method) => methods[method])
        .map((method) => ({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path: full, isPattern }));
    }
    if (layer.handle?.stack) {
      const mountPath = typeof layer.rawPath === 'string' ? layer.rawPath : '';
      return walk(layer.handle.stack, join(prefix, mountPath));
    }
    return [];
  });
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
