import { describe, expect, it } from 'vitest';
import { findWebLinks } from './messageLinks';

describe('links in a message from the public', () => {
  it('are found without the punctuation that ends the sentence', () => {
    expect(findWebLinks('See https://example.org/car.jpg. Also (http://example.com/a).')).toEqual([
      'https://example.org/car.jpg',
      'http://example.com/a',
    ]);
  });

  it('never include other schemes', () => {
    expect(findWebLinks('javascript:alert(1) data:text/html,hi ftp://x.org')).toEqual([]);
  });

  it('are listed once each', () => {
    expect(findWebLinks('https://a.test https://a.test')).toEqual(['https://a.test']);
  });
});
