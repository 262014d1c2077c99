import type { ContactView } from './api';

/** What a canned response's `{{variables}}` stand for in one thread. */
export interface CannedVariables {
  reference: string;
  contact: ContactView;
}

/**
 * Fills in `{{reference}}` and `{{name}}`. A person with no known name gets no name rather than a
 * placeholder ("Hi ," would read worse than "Hi,"), so `{{name}}` and the space before it go.
 */
export function fillCannedText(body: string, variables: CannedVariables): string {
  const name = variables.contact.displayName?.trim() || '';
  return body
    .replace(/\{\{\s*reference\s*\}\}/g, variables.reference)
    .replace(/ ?\{\{\s*name\s*\}\}/g, (match) => (name ? `${match.startsWith(' ') ? ' ' : ''}${name}` : ''));
}
