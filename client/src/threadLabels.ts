import type { ContactView } from '../../shared/api';
import type { ChannelType, DeliveryStatus, Language, RiskLevel, ThreadStatus, TriageCategory } from '../../shared/constants';

/**
 * Words the desk uses for each shared constant, in English, for the pages not yet translated
 * (reports). The inbox takes them from i18n/ (`t('channel.facebook')`), in the agent's language.
 * Records, so a new constant fails the build here.
 */

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  facebook: 'Facebook',
  twitter: 'X',
  webchat: 'Web chat',
  report_form: 'Online report',
  instagram: 'Instagram',
};

export const RISK_LABELS: Record<RiskLevel, string> = {
  emergency: 'Emergency',
  priority: 'Priority',
  routine: 'Routine',
};

export const CATEGORY_LABELS: Record<TriageCategory, string> = {
  'crime-report': 'Crime report',
  'domestic-abuse': 'Domestic abuse',
  'sexual-offence': 'Sexual offence',
  'welfare-concern': 'Welfare concern',
  'missing-person': 'Missing person',
  'road-traffic': 'Road traffic',
  asb: 'Anti-social behaviour',
  intelligence: 'Intelligence',
  'update-request': 'Update request',
  advice: 'Advice',
  'non-police': 'Not a police matter',
};

export function categoryLabel(category: string | null): string | null {
  if (category === null) return null;
  return CATEGORY_LABELS[category as TriageCategory] ?? category;
}

export const LANGUAGE_LABELS: Record<Language, string> = { en: 'English', cy: 'Welsh · Cymraeg' };

export const STATUS_LABELS: Record<ThreadStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  escalated: 'Escalated',
  closed: 'Closed',
};

/** How an outbound message's delivery reads; `failed` adds the reason, so it has no fixed words. */
export const DELIVERY_LABELS: Record<Exclude<DeliveryStatus, 'failed'>, string> = {
  received: 'Received',
  queued: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  awaiting_approval: 'Awaiting approval',
  returned: 'Returned for changes',
};

/** The contact's name or handle; `unknownLabel` in the screen's language when they gave neither. */
export function contactName(contact: ContactView, unknownLabel = 'Unknown sender'): string {
  return contact.displayName?.trim() || contact.handle?.trim() || unknownLabel;
}
