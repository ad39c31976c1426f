import { describe, expect, it } from 'vitest';
import { plainNumber, plainText } from './plain-text';

describe('remote text made safe to show', () => {
  it('drops markup, links and entities that a notification daemon would render', () => {
    expect(plainText('<b>Boss</b> <a href="https://evil.example">click</a>')).toBe('Boss click');
    expect(plainText('Tom & Jerry <3')).toBe('Tom ＆ Jerry ‹3');
    expect(plainText('&lt;b&gt;')).toBe('＆lt;b＆gt;');
  });

  it('drops controls, bidi overrides, isolates and zero-width characters', () => {
    expect(plainText('Bank\u202Eevil\u202C')).toBe('Bank evil');
    expect(plainText('\u2067+44 20\u2069 7946')).toBe('+44 20 7946');
    expect(plainText('Line1\r\nLine2\u0007')).toBe('Line1 Line2');
    expect(plainText('a\u200Bb')).toBe('a b');
  });

  it('keeps every script, and bounds the length', () => {
    expect(plainText('Zoë Ångström 王 محمد')).toBe('Zoë Ångström 王 محمد');
    expect(plainText('x'.repeat(500))).toHaveLength(64);
    expect(plainText(undefined)).toBe('');
  });

  it('numbers keep only dial-string characters', () => {
    expect(plainNumber('+44 (20) 7946-0018')).toBe('+44207946-0018');
    expect(plainNumber('1003<script>')).toBe('1003script');
  });
});
