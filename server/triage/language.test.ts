import { describe, expect, it } from 'vitest';
import { triageMessage } from './classify';

const language = (text: string) => triageMessage(text).language;

describe('language detection', () => {
  it.each([
    'Mae rhywun yn y tŷ',
    'help, mae tân',
    'Oes unrhyw newyddion am fy achos?',
    'diolch yn fawr am eich help',
    'Dw i wedi colli fy waled yn y dref',
  ])('reads "%s" as Welsh', (text) => {
    expect(language(text)).toBe('cy');
  });

  it.each([
    'There is someone in the house',
    'help',
    'crash on the A465 near Ebbw Vale',
    'my nan lives in Llanfairpwllgwyngyll and she is not answering',
    'any update? diolch',
  ])('reads "%s" as English', (text) => {
    expect(language(text)).toBe('en');
  });
});
