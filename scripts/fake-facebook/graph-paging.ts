import { invalidParameter } from './graph-errors';

/** Position of an item in a newest-first list: its time, then its id to break ties. */
export interface CursorKey {
  time: number;
  id: string;
}

export interface CursorPage<T> {
  items: T[];
  hasNext: boolean;
  hasPrevious: boolean;
}

/**
 * Cursor pagination over a newest-first list (contract §3: cursors, no since/until).
 * Cursors encode the key of an item rather than an offset, so an item that moves to the top
 * between two requests is not skipped or repeated by the rest of the walk.
 */
export function pageNewestFirst<T>(
  items: readonly T[],
  keyOf: (item: T) => CursorKey,
  query: { limit: number; after?: string; before?: string },
): CursorPage<T> {
  let window = [...items];
  if (query.after !== undefined) {
    const after = decodeCursor(query.after, 'after');
    window = window.filter((item) => compareNewestFirst(keyOf(item), after) > 0);
  } else if (query.before !== undefined) {
    const before = decodeCursor(query.before, 'before');
    window = window.filter((item) => compareNewestFirst(keyOf(item), before) < 0).slice(-query.limit);
  }
  const page = window.slice(0, query.limit);
  const first = page[0];
  const last = page[page.length - 1];
  return {
    items: page,
    hasPrevious: first !== undefined && items.some((item) => compareNewestFirst(keyOf(item), keyOf(first)) < 0),
    hasNext: last !== undefined && items.some((item) => compareNewestFirst(keyOf(item), keyOf(last)) > 0),
  };
}

/** Graph's `paging` object; `next`/`previous` only when there is something there (§3). */
export function pagingBlock<T>(
  page: CursorPage<T>,
  keyOf: (item: T) => CursorKey,
  requestUrl: URL,
): object | undefined {
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const before = encodeCursor(keyOf(first));
  const after = encodeCursor(keyOf(last));
  return {
    cursors: { before, after },
    ...(page.hasPrevious ? { previous: withCursor(requestUrl, 'before', before) } : {}),
    ...(page.hasNext ? { next: withCursor(requestUrl, 'after', after) } : {}),
  };
}

/** Graph's `limit`: default 25; the fake caps it at 100. */
export function readLimit(value: string | null, max = 100): number {
  if (value === null) return Math.min(25, max);
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw invalidParameter('param limit must be a positive integer.');
  return Math.min(limit, max);
}

function compareNewestFirst(a: CursorKey, b: CursorKey): number {
  if (a.time !== b.time) return b.time - a.time;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

// Real cursors are base64 starting "QVFI" ("AQH"); these look alike and are just as opaque.
function encodeCursor(key: CursorKey): string {
  return `QVFI${Buffer.from(JSON.stringify([key.time, key.id])).toString('base64url')}`;
}

function decodeCursor(cursor: string, name: string): CursorKey {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor.replace(/^QVFI/, ''), 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'number' && typeof id === 'string') return { time, id };
  } catch {
    // fall through to Graph's error
  }
  throw invalidParameter(`The ${name} cursor is invalid.`);
}

function withCursor(requestUrl: URL, name: 'after' | 'before', cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.delete('after');
  url.searchParams.delete('before');
  url.searchParams.set(name, cursor);
  return url.toString();
}
