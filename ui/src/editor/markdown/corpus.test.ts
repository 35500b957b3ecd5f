/**
 * Real Markdown written by other people (tests/corpus, see its README): every document opens
 * in the checked editor schema, saves to Markdown that renders the same (markdown-it here; the
 * site's own renderer in tests/site/corpus.test.mjs), saves again byte for byte, and the share
 * of blocks the editor can only show as raw Markdown stays under a ceiling that only goes down.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { sameHtml } from './commonmark';
import { lexBlocks, unsupported } from './lexer';
import { roundTrip } from './testing';

/** The committed ceiling for raw blocks over the corpus: lower it when the share falls. */
const RAW_CEILING = 0.024;

interface Doc {
  source: string;
  license: string;
  text: string;
}

const DOCS: Doc[] = gunzipSync(readFileSync(new URL('../../../../tests/corpus/markdown.jsonl.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Doc);

/** Why a raw block is raw: the construct the editor has no node for, or that it writes differently. */
function cause(node: JSONContent): string {
  const text = node.content?.[0]?.text ?? '';
  const token = lexBlocks(text).find((t) => t.type !== 'space');
  if (!token) return 'empty';
  const why = unsupported(token);
  if (why === 'html') return `html <${/^\s*<\/?([a-zA-Z][a-zA-Z0-9]*|!--)/.exec(text)?.[1]?.toLowerCase() ?? 'inline'}>`;
  return why ?? `rewritten ${token.type}`;
}

describe('the corpus of real documents', () => {
  const results = DOCS.map((doc) => {
    try {
      return { doc, saved: roundTrip(doc.text), error: null };
    } catch (e) {
      return { doc, saved: null, error: String(e) };
    }
  });

  it('holds at least 300 documents, each with its source', () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(300);
    for (const d of DOCS) expect(d.source && d.text).toBeTruthy();
  });

  it('opens every document in the checked editor schema', () => {
    const failed = results.filter((r) => r.error).map((r) => `${r.doc.source}: ${r.error}`);
    expect(failed).toEqual([]);
  });

  it('saves what renders the same, and saves a saved document byte for byte', () => {
    const differ: string[] = [];
    const unstable: string[] = [];
    for (const { doc, saved } of results) {
      if (!saved) continue;
      if (!sameHtml(saved.markdown, doc.text)) differ.push(doc.source);
      if (roundTrip(saved.markdown).markdown !== saved.markdown) unstable.push(doc.source);
    }
    expect(differ).toEqual([]);
    expect(unstable).toEqual([]);
  }, 120_000);

  it('keeps the share of raw blocks under its ceiling', () => {
    let blocks = 0;
    const causes = new Map<string, number>();
    for (const { saved } of results) {
      for (const node of saved?.doc.content ?? []) {
        blocks += 1;
        if (node.type === 'rawBlock') causes.set(cause(node), (causes.get(cause(node)) ?? 0) + 1);
      }
    }
    const raw = [...causes.values()].reduce((a, b) => a + b, 0);
    const share = raw / blocks;
    const top = [...causes].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(
      `Corpus: ${DOCS.length} documents, ${blocks} blocks, ${raw} raw (${(share * 100).toFixed(2)} %, ceiling ${(RAW_CEILING * 100).toFixed(2)} %)\n` +
        top.map(([c, n]) => `  ${String(n).padStart(5)}  ${c}`).join('\n'),
    );
    expect(share).toBeLessThanOrEqual(RAW_CEILING);
  });
});
