import { compareIds } from './snowflake';

export interface XUser {
  id: string;
  name: string;
  username: string;
}

export interface XMedia {
  mediaKey: string;
  /** The media id as a string; the v1.1 webhook also sends it as a lossy float (contract §11). */
  idStr: string;
  type: 'photo' | 'video' | 'animated_gif';
  url: string;
}

export interface DmEvent {
  id: string;
  text: string;
  senderId: string;
  recipientId: string;
  conversationId: string;
  createdAtMs: number;
  media?: XMedia;
  /** Set for sends made through the API by an app (ours), as Account Activity's `source_app_id`. */
  sourceAppId?: string;
}

const DEFAULT_FIELDS = ['id', 'event_type', 'text'];

/** The account's DM history, newest first, as `GET /2/dm_events` reads it (contract §5). */
export class DmStore {
  private readonly events: DmEvent[] = [];
  readonly users = new Map<string, XUser>();

  add(event: DmEvent): void {
    // Newest first; a binary search keeps a store of thousands of DMs quick to fill.
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareIds(this.events[middle]!.id, event.id) > 0) low = middle + 1;
      else high = middle;
    }
    this.events.splice(low, 0, event);
  }

  all(): readonly DmEvent[] {
    return this.events;
  }

  /**
   * One page. `next_token` is opaque to clients; here it names the last event of the page, so
   * events arriving meanwhile (at the top) never shift a walk already under way.
   */
  page(query: URLSearchParams): object {
    const maxResults = Number(query.get('max_results') ?? '100');
    const token = query.get('pagination_token');
    const position = token ? decodeToken(token) : null;
    const olderThan = position?.direction === 'older' ? position.id : null;
    let start = olderThan === null ? 0 : this.events.findIndex((event) => compareIds(event.id, olderThan) < 0);
    if (position?.direction === 'newer') {
      // previous_token: the page of events just newer than the named one.
      const newer = this.events.filter((event) => compareIds(event.id, position.id) > 0).length;
      start = Math.max(0, newer - maxResults);
    }
    const items = start < 0 ? [] : this.events.slice(start, start + maxResults);
    const fields = new Set(listParam(query, 'dm_event.fields') ?? DEFAULT_FIELDS);
    for (const always of DEFAULT_FIELDS) fields.add(always);
    const expansions = new Set(listParam(query, 'expansions') ?? []);
    const userFields = new Set(listParam(query, 'user.fields') ?? []);
    const mediaFields = new Set(listParam(query, 'media.fields') ?? []);

    const hasMore = start >= 0 && start + maxResults < this.events.length;
    const meta: Record<string, unknown> = { result_count: items.length };
    if (hasMore) meta.next_token = encodeToken(items.at(-1)!.id);
    if (position !== null && items.length > 0) meta.previous_token = encodeToken(items[0]!.id, 'newer');
    // An empty page has no `data` key at all (contract §11).
    if (items.length === 0) return { meta };

    const body: Record<string, unknown> = { data: items.map((event) => renderEvent(event, fields)) };
    const includes: Record<string, unknown[]> = {};
    if (expansions.has('sender_id')) {
      const senders = [...new Set(items.map((event) => event.senderId))];
      includes.users = senders.flatMap((id) => {
        const user = this.users.get(id);
        if (!user) return [];
        return [{ id: user.id, name: user.name, username: user.username, ...(userFields.has('profile_image_url') ? { profile_image_url: 'null' } : {}) }];
      });
    }
    if (expansions.has('attachments.media_keys')) {
      const media = items.flatMap((event) => (event.media ? [event.media] : []));
      if (media.length > 0) {
        includes.media = media.map((item) => ({
          media_key: item.mediaKey,
          type: item.type,
          ...(mediaFields.has('url') && item.type === 'photo' ? { url: item.url } : {}),
          ...(mediaFields.has('preview_image_url') && item.type !== 'photo' ? { preview_image_url: item.url } : {}),
        }));
      }
    }
    if (Object.keys(includes).length > 0) body.includes = includes;
    body.meta = meta;
    return body;
  }
}

function renderEvent(event: DmEvent, fields: Set<string>): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: event.id,
    event_type: 'MessageCreate',
    text: event.text,
    sender_id: event.senderId,
    dm_conversation_id: event.conversationId,
    created_at: new Date(event.createdAtMs).toISOString(),
    participant_ids: [event.senderId, event.recipientId],
    ...(event.media ? { attachments: { media_keys: [event.media.mediaKey] } } : {}),
  };
  return Object.fromEntries(Object.entries(all).filter(([key]) => fields.has(key)));
}

function listParam(query: URLSearchParams, name: string): string[] | null {
  const value = query.get(name);
  return value === null ? null : value.split(',').map((item) => item.trim()).filter(Boolean);
}

// Real tokens are lowercase base32-ish strings of 16+ characters.
function encodeToken(id: string, direction: 'older' | 'newer' = 'older'): string {
  return Buffer.from(`${direction}:${id}`).toString('hex');
}

export function decodeToken(token: string): { direction: 'older' | 'newer'; id: string } | null {
  const match = /^(older|newer):(\d+)$/.exec(Buffer.from(token, 'hex').toString('utf8'));
  return match ? { direction: match[1] as 'older' | 'newer', id: match[2]! } : null;
}
