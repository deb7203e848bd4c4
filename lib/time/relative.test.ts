import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe('relative time of the last courier update', () => {
  it('counts minutes within the hour and hours within the day', () => {
    expect(relativeTime(ago(4), NOW, 'en')).toBe('4 minutes ago');
    expect(relativeTime(ago(5 * 60), NOW, 'en')).toBe('5 hours ago');
    expect(relativeTime(ago(23 * 60), NOW, 'en')).toBe('23 hours ago');
  });

  it('counts days after 24 hours, in the page language', () => {
    expect(relativeTime(ago(46 * 60), NOW, 'en')).toBe('2 days ago');
    expect(relativeTime(ago(46 * 60), NOW, 'de')).toBe('vorgestern');
    expect(relativeTime(ago(26 * 60), NOW, 'en')).toBe('yesterday');
    expect(relativeTime(ago(26 * 60), NOW, 'de')).toBe('gestern');
    expect(relativeTime(ago(5 * 24 * 60), NOW, 'de')).toBe('vor 5 Tagen');
  });
});
