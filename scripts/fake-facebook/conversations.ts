import type { Request, RequestHandler } from 'express';
import { invalidParameter, unsupportedRequest } from './graph-errors';
import { parseFields } from './graph-fields';
import { queryOf, readGraphParams, requirePageToken, sendGraphJson, type GraphContext } from './graph-http';
import {
  conversationKey,
  conversationNode,
  messageNode,
  messagesEdge,
  pageNode,
  readableMessages,
  userNode,
  type NodeView,
} from './graph-nodes';
import { pageNewestFirst, pagingBlock, readLimit } from './graph-paging';
import type { PageInbox } from './page-inbox';

const PLATFORMS = ['messenger', 'instagram'];

/** Read side of the Page inbox: the Conversations API (contract §3) and single-node reads. */
export class ConversationsApi {
  constructor(
    private readonly inbox: PageInbox,
    private readonly context: GraphContext,
    private readonly now: () => number,
    /** The linked Instagram account's inbox, read with `platform=instagram` (§9). */
    private readonly instagramInbox?: PageInbox,
  ) {}

  /** `GET /{version}/{PAGE_ID|me}/conversations` */
  readonly listConversations: RequestHandler = (req, res) => {
    const objectId = String(req.params.objectId);
    if (!this.isPage(objectId)) throw unsupportedRequest('GET', objectId);
    const query = queryOf(req);
    const platform = query.get('platform') ?? 'messenger';
    if (!PLATFORMS.includes(platform)) {
      throw invalidParameter(`param platform must be one of {${PLATFORMS.join(', ')}}.`);
    }
    // Without a linked Instagram account the Page's Instagram inbox is empty.
    const inbox = platform === 'instagram' ? this.instagramInbox : this.inbox;
    const { view } = this.begin(req, inbox ?? this.inbox);
    const userId = query.get('user_id');
    const conversations = (inbox?.conversationsByRecency() ?? []).filter(
      (conversation) => userId === null || conversation.psid === userId,
    );
    const fields = parseFields(query.get('fields'), ['id', 'updated_time']);
    const page = pageNewestFirst(conversations, conversationKey, {
      limit: readLimit(query.get('limit')),
      ...cursorsOf(query),
    });
    const paging = pagingBlock(page, conversationKey, this.requestUrl(req));
    const data = page.items.map((conversation) => conversationNode(view, conversation, fields));
    sendGraphJson(res, 200, { data, ...(paging ? { paging } : {}) }, this.context);
  };

  /** `GET /{version}/{CONVERSATION_ID}/messages` */
  readonly listMessages: RequestHandler = (req, res) => {
    const objectId = String(req.params.objectId);
    const inbox = this.inboxHolding(objectId);
    const conversation = inbox?.findConversation(objectId);
    if (!inbox || !conversation) throw unsupportedRequest('GET', objectId);
    const { view, query } = this.begin(req, inbox);
    const edge = messagesEdge(
      view,
      conversation,
      { fields: query.get('fields'), limit: query.get('limit'), ...cursorsOf(query) },
      this.requestUrl(req),
    );
    sendGraphJson(res, 200, edge, this.context);
  };

  /** `GET /{version}/{ID}`: the Page, a conversation, a readable message or a user profile. */
  readonly readNode: RequestHandler = (req, res) => {
    const objectId = String(req.params.objectId);
    const { view, query } = this.begin(req);
    const fieldsParam = query.get('fields');
    sendGraphJson(res, 200, this.renderNode(view, objectId, fieldsParam), this.context);
  };

  private renderNode(view: NodeView, objectId: string, fieldsParam: string | null): object {
    if (this.isPage(objectId)) return pageNode(view, parseFields(fieldsParam, ['name', 'id']));
    const conversation = this.inbox.findConversation(objectId);
    if (conversation) return conversationNode(view, conversation, parseFields(fieldsParam, ['id', 'updated_time']));
    for (const candidate of this.inbox.conversationsByRecency()) {
      const message = readableMessages(candidate).find((m) => m.id === objectId);
      if (message) return messageNode(view, candidate, message, parseFields(fieldsParam, ['id', 'created_time']));
    }
    if (this.inbox.isKnownUser(objectId)) {
      return userNode(view, objectId, parseFields(fieldsParam, ['first_name', 'last_name', 'profile_pic']));
    }
    throw unsupportedRequest('GET', objectId);
  }

  private inboxHolding(conversationId: string): PageInbox | undefined {
    return [this.inbox, this.instagramInbox].find((inbox) => inbox?.findConversation(conversationId));
  }

  private begin(req: Request, inbox: PageInbox = this.inbox): { view: NodeView; query: URLSearchParams } {
    requirePageToken(req, readGraphParams(req), this.context);
    const view: NodeView = {
      inbox,
      now: this.now(),
      versionUrl: `${this.origin(req)}/${this.context.graphVersion}`,
      accessToken: this.context.pageAccessToken,
    };
    return { view, query: queryOf(req) };
  }

  private isPage(objectId: string): boolean {
    return objectId === this.inbox.pageId || objectId === 'me';
  }

  private origin(req: Request): string {
    return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }

  private requestUrl(req: Request): URL {
    return new URL(req.originalUrl, this.origin(req));
  }
}

function cursorsOf(query: URLSearchParams): { after?: string; before?: string } {
  const after = query.get('after');
  const before = query.get('before');
  return { ...(after === null ? {} : { after }), ...(before === null ? {} : { before }) };
}
