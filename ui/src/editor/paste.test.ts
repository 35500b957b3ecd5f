import { describe, expect, it } from 'vitest';
import { defuseHtml } from './paste';

describe('defuseHtml', () => {
  it('moves style attributes aside and drops style and script elements', () => {
    expect(
      defuseHtml(
        '<style>p{color:red}</style><p style="color:red" class=x><span STYLE=\'font-weight:700\'>b</span></p><script>alert(1)</script>',
      ),
    ).toBe('<p data-mh-style="color:red" class=x><span data-mh-style=\'font-weight:700\'>b</span></p>');
  });

  it('leaves text that mentions style alone', () => {
    expect(defuseHtml('<p>Use style="x" in text</p>')).toBe('<p>Use style="x" in text</p>');
  });
});
