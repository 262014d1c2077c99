import { describe, expect, it } from 'vitest';
import { routeOf } from './ContactApp';
import { buildTranscript } from './transcript';
import { mergeHistory, type ChatLineState } from './useVisitorChat';

const line = (id: string, from: 'visitor' | 'desk', text: string, status: ChatLineState['status'] = 'sent'): ChatLineState => ({
  id,
  from,
  text,
  sentAt: '2026-11-25T10:00:00.000Z',
  status,
});

describe('the visitor’s conversation', () => {
  it('keeps a message still on its way when the stored history arrives', () => {
    const merged = mergeHistory([line('a', 'visitor', 'first'), line('b', 'visitor', 'second', 'sending')], [line('a', 'visitor', 'first')]);
    expect(merged.map((each) => [each.id, each.status])).toEqual([
      ['a', 'sent'],
      ['b', 'sending'],
    ]);
  });

  it('shows a reply pushed live and then loaded from history once', () => {
    const merged = mergeHistory([line('desk/1', 'desk', 'hello')], [line('desk/1', 'desk', 'hello')]);
    expect(merged).toHaveLength(1);
  });

  it('downloads as plain text with the reference and who said what, in UK time', () => {
    const text = buildTranscript(
      [line('a', 'visitor', 'Hi'), line('b', 'desk', 'Hello')],
      { title: 'Web chat transcript', you: 'You', police: 'Police', referenceIs: 'Your reference number is SMD-2026-000001.' },
      'en-GB',
    );
    expect(text).toBe(
      'Web chat transcript\nYour reference number is SMD-2026-000001.\n\n[25 Nov 2026, 10:00] You: Hi\n[25 Nov 2026, 10:00] Police: Hello\n',
    );
  });
});

describe('public page routes', () => {
  it('are chosen by path, ignoring a trailing slash', () => {
    expect(routeOf('/contact/chat/')).toBe('chat');
    expect(routeOf('/contact/report')).toBe('report');
    expect(routeOf('/contact/report/add')).toBe('add');
    expect(routeOf('/contact')).toBe('index');
  });
});
