/**
 * Cheap checks in front of marked's slowest block rules, for WebKit (the app's webview).
 *
 * There, each attempt of the `hr`, `blockquote`, `html` or `table` rule that fails takes time
 * in proportion to the rest of the document, and `lheading` crawls through the paragraph at
 * about half a microsecond a character: lexing a 5,000-word article took ~60 ms (~1 ms in
 * Chromium). Whether these rules can match is decided by the first line or two of the source
 * (for `lheading`, by the lines before the next blank line), so each override runs marked's
 * own rule on just those lines. When that cannot match it returns no token at once; otherwise
 * it returns `false` and marked runs its tokenizer on the whole source, as before.
 */
import type { TokenizerObject } from 'marked';

/** The first `count` lines of `src`, without the line break after the last. */
function firstLines(src: string, count: number): string {
  let end = -1;
  for (let i = 0; i < count; i++) {
    end = src.indexOf('\n', end + 1);
    if (end < 0) return src;
  }
  return src.slice(0, end);
}

/** The first line break before a blank line or a setext underline (`===`, `---`). */
const BLANK_OR_UNDERLINE = /\n(?:\s*\n| {0,3}(?:=+|-+) *(?:\n|$))/;

/** A closing tag whose `>` is on a later line, which the HTML block rule allows. */
const UNFINISHED_END_TAG = /^ {0,3}<\/[a-z][\w-]*\s*$/i;

export const blockStarts: TokenizerObject = {
  // A thematic break is a single line.
  hr(src) {
    return this.rules.block.hr.exec(firstLines(src, 1)) ? false : undefined;
  },
  // A block quote starts with `>` on its first line.
  blockquote(src) {
    return this.rules.block.blockquote.exec(firstLines(src, 1)) ? false : undefined;
  },
  // Every kind of HTML block starts within its first line (or at its line break).
  html(src) {
    const line = firstLines(src, 1);
    return this.rules.block.html.exec(`${line}\n`) || UNFINISHED_END_TAG.test(line) ? false : undefined;
  },
  // A table starts with a header line and a delimiter row; the rows after them are optional.
  table(src) {
    return this.rules.block.table.exec(firstLines(src, 2)) ? false : undefined;
  },
  // A setext heading's underline comes before the paragraph's first blank line.
  lheading(src) {
    const end = BLANK_OR_UNDERLINE.exec(src);
    return end && /[=-]/.test(end[0]) ? false : undefined;
  },
};
