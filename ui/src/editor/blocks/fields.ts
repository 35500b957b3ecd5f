/**
 * Rich blocks: fenced code blocks whose info string names the block and whose body is
 * `key: value` lines. Mirrors `fields()` in crates/render/src/blocks.rs.
 */

export const BLOCK_NAMES = ['figure', 'download', 'cta', 'video', 'callout'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

export interface FieldDef {
  key: string;
  label: string;
  /** Filled from the link targets (articles, pages, media) of the site. */
  reference?: 'any' | 'media';
  required?: boolean;
  choices?: readonly string[];
  multiline?: boolean;
  /** A tick box: ticked writes `key: true`, unticked removes the line. */
  checkbox?: boolean;
}

export const BLOCK_FIELDS: Record<BlockName, { title: string; fields: readonly FieldDef[] }> = {
  figure: {
    title: 'Figure',
    fields: [
      { key: 'image', label: 'Image', reference: 'media', required: true },
      { key: 'alt', label: 'Alt text' },
      // The renderer's `decorative: true` (or `yes`): an intentionally empty alt text.
      { key: 'decorative', label: 'Decorative image (nothing to describe)', checkbox: true },
      { key: 'caption', label: 'Caption' },
      { key: 'credit', label: 'Credit' },
    ],
  },
  download: {
    title: 'Download card',
    fields: [
      { key: 'file', label: 'File', reference: 'media', required: true },
      { key: 'title', label: 'Title' },
      { key: 'label', label: 'Button label' },
    ],
  },
  cta: {
    title: 'Call-to-action button',
    fields: [
      { key: 'label', label: 'Label', required: true },
      { key: 'link', label: 'Link', reference: 'any', required: true },
      { key: 'style', label: 'Style', choices: ['primary', 'secondary'] },
    ],
  },
  video: {
    title: 'Video',
    fields: [
      { key: 'url', label: 'YouTube or Vimeo address', required: true },
      { key: 'title', label: 'Title' },
    ],
  },
  callout: {
    title: 'Callout',
    fields: [
      { key: 'tone', label: 'Tone', choices: ['info', 'success', 'warning', 'danger'] },
      { key: 'text', label: 'Text', required: true, multiline: true },
    ],
  },
};

export function isBlockName(name: string): name is BlockName {
  return (BLOCK_NAMES as readonly string[]).includes(name);
}

export type Fields = [key: string, value: string][];

const KEY = /^[a-z_]+$/;

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // The renderer falls back to the text between the quotes, and so do we.
    }
    return value.slice(1, -1);
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replace(/''/g, "'");
  }
  return value;
}

/** Reads a block body; null when a line is not `key: value` or a key repeats. */
export function parseFields(body: string): Fields | null {
  const out: Fields = [];
  const seen = new Set<string>();
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon < 0) return null;
    const key = line.slice(0, colon).trim();
    if (!KEY.test(key) || seen.has(key)) return null;
    seen.add(key);
    out.push([key, unquote(line.slice(colon + 1).trim())]);
  }
  return out;
}

/** A value as the renderer will read it back, quoted only when it has to be. */
export function formatValue(value: string): string {
  const needsQuotes =
    value !== value.trim() ||
    /[\n\r\t]/.test(value) ||
    (value.length >= 2 && /^["']/.test(value) && value.endsWith(value[0] ?? ''));
  return needsQuotes ? JSON.stringify(value) : value;
}

/**
 * The body with one field set (or removed when `value` is empty). Other lines are kept
 * exactly as written, so an unedited field never changes.
 */
export function setField(body: string, key: string, value: string): string {
  const lines = body.split('\n');
  const index = lines.findIndex((line) => {
    const colon = line.indexOf(':');
    return colon >= 0 && line.slice(0, colon).trim() === key;
  });
  const line = `${key}: ${formatValue(value)}`;
  if (index >= 0) {
    if (value === '') lines.splice(index, 1);
    else lines[index] = line;
  } else if (value !== '') {
    while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
    lines.push(line);
  }
  return lines.join('\n');
}

/** Whether a tick-box field is ticked, as the renderer reads it (`true` or `yes`). */
export function isTicked(value: string): boolean {
  return value === 'true' || value === 'yes';
}

/** Reads one field of a body, '' when missing. */
export function getField(fields: Fields | null, key: string): string {
  return fields?.find(([k]) => k === key)?.[1] ?? '';
}

/** A new block's body from its fields, in the order given, empty values left out. */
export function bodyFromFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${formatValue(v)}`)
    .join('\n');
}

/** A fence of backticks longer than any run inside `text` (at least three). */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
