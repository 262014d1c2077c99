import { z } from 'zod';

// What crosses the boundary between the force's public pages (web chat, report form) and the
// desk: HTTP bodies and the visitor namespace's Socket.IO events. No login: a visitor is known
// only by an unguessable token kept in the browser, a reporter by a reference and a code.

/** Longest message a visitor may type; the same as an agent's reply. */
export const MAX_VISITOR_MESSAGE_LENGTH = 2000;
/** Longest free-text answer in the report form. */
export const MAX_REPORT_FIELD_LENGTH = 4000;

export const VISITOR_NAMESPACE = '/visitor';

export const REPORT_TYPES = ['antisocial_behaviour', 'theft', 'criminal_damage', 'road_traffic', 'other'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const CONTACT_PREFERENCES = ['email', 'phone', 'none'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export const publicConfigSchema = z.object({
  /** Where quick exit sends the visitor: a neutral site, replacing the page in the history. */
  quickExitUrl: z.string(),
  /** When the chat is staffed (UK time), or null for a 24/7 desk. */
  deskHours: z.object({ opens: z.string(), closes: z.string() }).nullable(),
  isOpenNow: z.boolean(),
  /** The force's own out-of-hours words, when it set them. */
  outOfHoursMessage: z.object({ en: z.string().nullable(), cy: z.string().nullable() }),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

export const chatSessionResponseSchema = z.object({ token: z.string() });
export type ChatSessionResponse = z.infer<typeof chatSessionResponseSchema>;

const text = (max: number) => z.string().trim().max(max);

export const reportRequestSchema = z.object({
  type: z.enum(REPORT_TYPES),
  whatHappened: text(MAX_REPORT_FIELD_LENGTH).min(1, 'Tell us what happened'),
  when: text(200).min(1, 'Tell us when it happened'),
  where: text(500).min(1, 'Tell us where it happened'),
  suspectOrVehicle: text(MAX_REPORT_FIELD_LENGTH).default(''),
  name: text(200).default(''),
  contactPreference: z.enum(CONTACT_PREFERENCES),
  contactDetail: text(200).default(''),
  language: z.enum(['en', 'cy']).default('en'),
});
export type ReportRequest = z.input<typeof reportRequestSchema>;
export type ParsedReport = z.output<typeof reportRequestSchema>;

export const reportReceiptSchema = z.object({
  reference: z.string(),
  /** With the reference, lets the reporter add information later. Shown once. */
  code: z.string(),
});
export type ReportReceipt = z.infer<typeof reportReceiptSchema>;

export const reportAdditionRequestSchema = z.object({
  reference: z.string().trim().toUpperCase().max(40),
  code: z.string().max(40),
  clientId: z.string().uuid(),
  text: text(MAX_REPORT_FIELD_LENGTH).min(1, 'Tell us what you want to add'),
});
/** Reading a report's replies needs its reference and the code given with it. */
export const reportLookupRequestSchema = reportAdditionRequestSchema.pick({ reference: true, code: true });

export type ReportAdditionRequest = z.input<typeof reportAdditionRequestSchema>;

// ---- the visitor namespace ----

export const visitorMessageSchema = z.object({
  /** Generated in the browser once per message, so a resent message is stored once. */
  clientId: z.string().uuid(),
  text: text(MAX_VISITOR_MESSAGE_LENGTH).min(1),
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

export const chatLineSchema = z.object({
  id: z.string(),
  from: z.enum(['visitor', 'desk']),
  text: z.string(),
  sentAt: z.string(),
});
export type ChatLine = z.infer<typeof chatLineSchema>;

export const chatHistorySchema = z.object({
  reference: z.string().nullable(),
  lines: z.array(chatLineSchema),
});
export type ChatHistory = z.infer<typeof chatHistorySchema>;

export type VisitorAck = { ok: true } | { ok: false; code: 'invalid' | 'rate_limited' | 'unavailable' };

export interface ServerToVisitorEvents {
  'chat:line': (line: ChatLine) => void;
  'chat:reference': (reference: string) => void;
  'chat:typing': (isTyping: boolean) => void;
}

export interface VisitorToServerEvents {
  'visitor:history': (ack: (history: ChatHistory) => void) => void;
  'visitor:message': (message: unknown, ack: (result: VisitorAck) => void) => void;
  'visitor:typing': (isTyping: unknown) => void;
}
