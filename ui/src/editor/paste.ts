/**
 * Cleans HTML pasted from Word, Google Docs and web pages before ProseMirror reads it: keeps
 * headings, lists, links, bold, italics and tables; drops styles, fonts, classes and scripts.
 * ProseMirror's schema then drops whatever else it has no node for.
 */

/** Where `defuseHtml` keeps inline styles, which only tell bold, italic and Word lists apart. */
const STYLE = 'data-mh-style';

const DROP = 'script, style, meta, link, title, noscript, template, iframe, object, embed, svg, xml, o\\:p';

/** Attributes that mark an element as one of the editor's own nodes (see `schema.ts`). */
const OWN_NODES = [
  'data-rich-block',
  'data-raw-block',
  'data-inline-image',
  'data-inline-html',
  'data-html-comment',
  'data-html-spacer',
  'data-details',
  'data-details-summary',
  'data-details-content',
  'data-footnote-ref',
  'data-footnote-def',
];

/** Word's list paragraphs carry `mso-list: l0 level2 lfo1` in their style. */
function wordListLevel(el: Element): number | null {
  const style = el.getAttribute(STYLE) ?? '';
  const m = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  if (m) return Number(m[1]);
  return /^MsoListParagraph/i.test(el.getAttribute('class') ?? '') ? 1 : null;
}

/** Turns runs of Word list paragraphs into nested `<ul>`/`<ol>` lists. */
function wordLists(doc: Document): void {
  const paragraphs = Array.from(doc.querySelectorAll('p')).filter((p) => wordListLevel(p) !== null);
  let stack: { level: number; list: HTMLElement }[] = [];
  for (const p of paragraphs) {
    const level = wordListLevel(p) ?? 1;
    const marker = p.querySelector(`span[${STYLE}*="mso-list"]`);
    const ordered = /^\s*(\d+|[a-z]|[ivx]+)[.)]/i.test(marker?.textContent ?? '');
    marker?.remove();
    // A run goes on while the paragraphs follow the list made for the previous ones.
    if (stack[0] && p.previousElementSibling !== stack[0].list) stack = [];
    while ((stack[stack.length - 1]?.level ?? 0) > level) stack.pop();
    let top = stack[stack.length - 1];
    if (!top || top.level < level) {
      const list = doc.createElement(ordered ? 'ol' : 'ul');
      const parentItem = top?.list.lastElementChild;
      if (parentItem) parentItem.append(list);
      else p.before(list);
      top = { level, list };
      stack.push(top);
    }
    const li = doc.createElement('li');
    li.append(...Array.from(p.childNodes));
    top.list.append(li);
    p.remove();
  }
}

/** Google Docs marks bold and italic with inline styles on spans. */
function styledSpans(doc: Document): void {
  for (const span of Array.from(doc.querySelectorAll(`span[${STYLE}]`))) {
    const style = span.getAttribute(STYLE) ?? '';
    let inner: Element = span;
    if (/font-weight:\s*(bold|[6-9]00)/i.test(style)) {
      const strong = doc.createElement('strong');
      strong.append(...Array.from(inner.childNodes));
      inner.append(strong);
      inner = strong;
    }
    if (/font-style:\s*italic/i.test(style)) {
      const em = doc.createElement('em');
      em.append(...Array.from(inner.childNodes));
      inner.append(em);
    }
  }
  // Google Docs wraps the whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const b of Array.from(doc.querySelectorAll('b[id^="docs-internal-guid"]'))) {
    b.replaceWith(...Array.from(b.childNodes));
  }
}

/** Markdown tables need a header row: Word and Docs tables often have none, so the first row becomes it. */
function headerRows(doc: Document): void {
  for (const table of Array.from(doc.querySelectorAll('table'))) {
    if (table.querySelector('th')) continue;
    const first = table.querySelector('tr');
    for (const td of Array.from(first?.querySelectorAll('td') ?? [])) {
      const th = doc.createElement('th');
      th.append(...Array.from(td.childNodes));
      td.replaceWith(th);
    }
  }
}

/** A code block's final line break shows nothing; kept, it would save as an empty last line. */
function codeEnds(doc: Document): void {
  for (const pre of Array.from(doc.querySelectorAll('pre'))) {
    let last: Node | null = pre;
    while (last?.lastChild) last = last.lastChild;
    if (last?.nodeType === Node.TEXT_NODE && last.textContent?.endsWith('\n')) {
      last.textContent = last.textContent.slice(0, -1);
    }
  }
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker?.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
}

/**
 * Moves `style` attributes aside and drops `<style>`/`<script>` elements before the HTML is
 * parsed: under the app's CSP, even parsing inline styles in an inert document reports a
 * violation.
 */
export function defuseHtml(html: string): string {
  return html
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[a-zA-Z][^>]*>/g, (tag) =>
      tag.replace(/(\s)style(\s*=)/gi, `$1${STYLE}$2`),
    );
}

/** Returns the cleaned HTML. Uses an inert document, so nothing in the paste runs or loads. */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(defuseHtml(html), 'text/html');
  removeComments(doc.body);
  doc.querySelectorAll(DROP).forEach((e) => e.remove());
  wordLists(doc);
  styledSpans(doc);
  for (const e of Array.from(doc.body.querySelectorAll('*'))) {
    // The editor's own nodes (copied within or between articles) keep their data attributes.
    const own = OWN_NODES.some((name) => e.hasAttribute(name));
    for (const attr of Array.from(e.attributes)) {
      const keep = ['href', 'title', 'colspan', 'rowspan', 'start', 'alt', 'data-align'];
      if (!keep.includes(attr.name) && !(own && attr.name.startsWith('data-'))) e.removeAttribute(attr.name);
    }
    if (e instanceof HTMLAnchorElement && /^\s*javascript:/i.test(e.getAttribute('href') ?? '')) {
      e.removeAttribute('href');
    }
  }
  headerRows(doc);
  codeEnds(doc);
  // Images in pasted HTML point elsewhere; pictures come in through the media pipeline.
  doc.querySelectorAll('img').forEach((e) => e.remove());
  return doc.body.innerHTML;
}
