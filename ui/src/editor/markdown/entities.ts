/**
 * HTML character references in Markdown text. TipTap decodes only `&amp;`, `&lt;`, `&gt;`,
 * `&quot;` and numeric references; these are the named ones people actually paste.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  middot: '·',
  bull: '•',
  dagger: '†',
  Dagger: '‡',
  permil: '‰',
  prime: '′',
  Prime: '″',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  iexcl: '¡',
  iquest: '¿',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwnj: '\u200c',
  zwj: '\u200d',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

function codePoint(n: number): string {
  return n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)
    ? '\ufffd'
    : String.fromCodePoint(n);
}

/** Decodes references in one pass; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(REFERENCE, (match, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return codePoint(Number(dec));
    if (hex !== undefined) return codePoint(parseInt(hex, 16));
    return (name !== undefined && NAMED[name]) || match;
  });
}

/** True when the text holds a named reference this table cannot decode. */
export function hasUnknownEntity(text: string): boolean {
  for (const m of text.matchAll(REFERENCE)) {
    if (m[3] !== undefined && !NAMED[m[3]]) return true;
  }
  return false;
}

/**
 * Rewrites the named references TipTap would keep as literal text (`&nbsp;`, `&copy;`) as
 * the characters they stand for. Only `&amp;`, `&lt;`, `&gt;` and `&quot;` are left for TipTap.
 */
export function decodeNamedForEditor(text: string): string {
  return text.replace(REFERENCE, (match, _d?: string, _h?: string, name?: string) => {
    if (name === undefined || ['amp', 'lt', 'gt', 'quot'].includes(name)) return match;
    return NAMED[name] ?? match;
  });
}
