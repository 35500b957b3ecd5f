import { describe, expect, it } from 'vitest';
import { fitTools, toolbarTools } from './toolbar-tools';

describe('fitTools', () => {
  it('keeps every tool when they all fit, without the More button', () => {
    expect(fitTools([30, 30, 30], 90, 60)).toBe(3);
  });

  it('keeps the first ones that fit beside the More button', () => {
    expect(fitTools([30, 30, 30], 89, 20)).toBe(2);
    expect(fitTools([30, 30, 30], 80, 20)).toBe(2);
    expect(fitTools([30, 30, 30], 79, 20)).toBe(1);
    expect(fitTools([30, 30, 30], 10, 20)).toBe(0);
  });
});

describe('toolbarTools', () => {
  it('lists the most used first, each with its own test id', () => {
    const tools = toolbarTools({ link: () => {}, image: () => {} });
    expect(tools.slice(0, 8).map((t) => t.id)).toEqual(['bold', 'italic', 'link', 'bullets', 'numbers', 'quote', 'undo', 'redo']);
    expect(tools.filter((t) => t.testid.startsWith('insert-')).map((t) => t.testid)).toEqual([
      'insert-figure',
      'insert-download',
      'insert-cta',
      'insert-video',
      'insert-callout',
    ]);
    expect(new Set(tools.map((t) => t.testid)).size).toBe(tools.length);
  });
});
