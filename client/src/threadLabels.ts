import type { ContactView } from '../../shared/api';
import type { ChannelType, DeliveryStatus, Language, RiskLevel, ThreadStatus, TriageCategory } from '../../shared/constants';
import { en } from './i18n/en';

/**
 * Words the desk uses for each shared constant, in English. Screens take them from i18n/
 * (`t('channel.facebook')`), in the agent's language; these Records make a new constant fail the
 * build here until en.ts names it.
 */

// The English words, from the inbox's own English (one place to change a label).
export const CHANNEL_LABELS: Record<ChannelType, string> = en.channel;
export const RISK_LABELS: Record<RiskLevel, string> = en.risk;
export const CATEGORY_LABELS: Record<TriageCategory, string> = en.category;
export const LANGUAGE_LABELS: Record<Language, string> = en.language;
export const STATUS_LABELS: Record<ThreadStatus, string> = en.status;
/** How an outbound message's delivery reads; `failed` adds the reason, so it has no fixed words. */
export const DELIVERY_LABELS: Record<Exclude<DeliveryStatus, 'failed'>, string> = en.delivery;

export function categoryLabel(category: string | null): string | null {
  if (category === null) return null;
  return CATEGORY_LABELS[category as TriageCategory] ?? category;
}

/** The contact's name or handle; `unknownLabel` in the screen's language when they gave neither. */
export function contactName(contact: ContactView, unknownLabel = 'Unknown sender'): string {
  return contact.displayName?.trim() || contact.handle?.trim() || unknownLabel;
}
