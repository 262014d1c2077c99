import type { ChatLine } from '../../../shared/public-contact';

export interface TranscriptWords {
  title: string;
  you: string;
  police: string;
  referenceIs: string | null;
}

/** Plain text, so it opens anywhere and carries nothing that could run. */
export function buildTranscript(lines: ChatLine[], words: TranscriptWords, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
  const header = [words.title, words.referenceIs].filter(Boolean).join('\n');
  const body = lines.map((line) => `[${format.format(new Date(line.sentAt))}] ${line.from === 'visitor' ? words.you : words.police}: ${line.text}`);
  return `${header}\n\n${body.join('\n')}\n`;
}

export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Freed only once a slow or busy browser has surely started the download (a few KB meanwhile).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
