/**
 * Footnotes as the site renderer (pulldown-cmark) reads them: `[^label]` in text, and
 * `[^label]: text` definitions whose further lines are indented by four spaces. marked has no
 * footnotes, so these tokenizers make `footnoteRef` and `footnoteDef` tokens for both the
 * reference lexer and the editor's parser (which writes further lines indented).
 */
import type { MarkedExtension, Tokens } from 'marked';

const INDENT = /^(?: {4}|\t)/;
/** A line that starts a block of its own, and so cannot continue a paragraph lazily. */
const BLOCK_START = /^ {0,3}(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3}|~{3}|<|\[\^[^\]\s]+\]:|(?:[-*_][ \t]*){3,}$|=+[ \t]*$)/;

export const footnoteTokens: MarkedExtension = {
  extensions: [
    {
      name: 'footnoteDef',
      level: 'block',
      start: (src: string) => /^\[\^[^\]\s]+\]:/m.exec(src)?.index,
      tokenizer(src: string): Tokens.Generic | undefined {
        const head = /^\[\^([^\]\s]+)\]:[ \t]*/.exec(src);
        if (!head) return undefined;
        const lines = src.slice(head[0].length).split('\n');
        const body = [lines[0] ?? ''];
        let i = 1;
        while (i < lines.length) {
          const line = lines[i] ?? '';
          if (INDENT.test(line)) {
            body.push(line.replace(INDENT, ''));
            i += 1;
          } else if (!line.trim()) {
            let j = i;
            while (j < lines.length && !(lines[j] ?? '').trim()) j += 1;
            if (j >= lines.length || !INDENT.test(lines[j] ?? '')) break;
            for (; i < j; i += 1) body.push('');
          } else if ((body[body.length - 1] ?? '').trim() && !BLOCK_START.test(line)) {
            // A lazy continuation of the paragraph above.
            body.push(line);
            i += 1;
          } else {
            break;
          }
        }
        const raw = head[0] + lines.slice(0, i).join('\n') + (i < lines.length ? '\n' : '');
        return {
          type: 'footnoteDef',
          raw,
          label: head[1],
          tokens: this.lexer.blockTokens(body.join('\n'), []),
        };
      },
    },
    {
      name: 'footnoteRef',
      level: 'inline',
      start: (src: string) => {
        const at = src.indexOf('[^');
        return at < 0 ? undefined : at;
      },
      tokenizer(src: string): Tokens.Generic | undefined {
        const m = /^\[\^([^\]\s]+)\]/.exec(src);
        return m ? { type: 'footnoteRef', raw: m[0], label: m[1] } : undefined;
      },
    },
  ],
};
