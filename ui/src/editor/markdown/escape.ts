/**
 * Escapes for text TipTap's serializer writes as is. It already backslash-escapes
 * `\ * _ [ ] ~` and backticks and encodes `& < >`; what it misses are the characters that
 * only mean something at the start of a line, which turn a paragraph into a heading or a list.
 */

const LINE_STARTS: [RegExp, string][] = [
  [/^(#{1,6})(?=[ \t]|$)/, '\\$1'],
  [/^([-+*])(?=[ \t]|$)/, '\\$1'],
  [/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2'],
  [/^([-=]+[ \t]*)$/, '\\$1'],
];

function escapeLine(line: string): string {
  // Leading whitespace means nothing in a paragraph, but four spaces make code.
  let out = line.replace(/^[ \t]+/, '');
  for (const [pattern, replacement] of LINE_STARTS) {
    if (pattern.test(out)) {
      out = out.replace(pattern, replacement);
      break;
    }
  }
  return out;
}

/** Makes every line of a rendered paragraph read as paragraph text. */
export function escapeParagraph(markdown: string): string {
  return markdown.split('\n').map(escapeLine).join('\n');
}

/**
 * A heading's text on one line, with a trailing `#` run (a closing sequence) or `{#id}` (the
 * heading's id) escaped, so that they show as typed.
 */
export function escapeHeading(markdown: string): string {
  const line = markdown.replace(/[ \t]*\n[ \t]*/g, ' ').trim();
  return (
    line
      .replace(/(^|[ \t])(#+)([ \t]*)$/, '$1\\$2$3')
      // A trailing `{#id}` would name the heading instead of showing: typed text stays text.
      .replace(/(^|[ \t])\{(#[A-Za-z][\w-]*\}[ \t]*)$/, '$1\\{$2')
  );
}

/** A link destination that survives re-reading: in angle brackets when it has spaces or unbalanced parentheses. */
export function linkDestination(href: string): string {
  let depth = 0;
  let balanced = true;
  for (const ch of href) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0) balanced = false;
  }
  if (depth !== 0) balanced = false;
  if (!href || /[\s<>]/.test(href) || !balanced) {
    return `<${href.replace(/[<>\n]/g, (c) => encodeURIComponent(c))}>`;
  }
  return href.replace(/\\/g, '\\\\');
}

/** A link title in double quotes. */
export function linkTitle(title: string): string {
  return `"${title.replace(/[\\"]/g, '\\$&')}"`;
}
