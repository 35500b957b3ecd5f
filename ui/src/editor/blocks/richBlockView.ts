/**
 * The card a rich block is edited as: a form with one input per known field. Edits rewrite
 * only the line of the field that changed, so untouched lines stay byte-identical.
 */
import type { NodeViewRenderer, NodeViewRendererProps } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { BLOCK_FIELDS, getField, isBlockName, isTicked, parseFields, setField, type FieldDef } from './fields';

/** What a media library item brings to a block picked with it. */
export interface PickedMedia {
  name: string;
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
  title?: string | null;
}

/**
 * Asked by a card's "Choose…" button (the `mh-pick-media` event, bubbling): the editor opens
 * the media picker and calls `choose` with the item picked.
 */
export interface PickMediaRequest {
  kind: 'image' | 'file';
  /** The name of the item chosen now, if any. */
  current: string | null;
  choose: (item: PickedMedia) => void;
}

export const PICK_MEDIA_EVENT = 'mh-pick-media';

/** Fields a picked item fills in when they are empty: (block field, item field). */
const PREFILL: Record<string, readonly (readonly [string, keyof PickedMedia])[]> = {
  figure: [
    ['alt', 'alt'],
    ['caption', 'caption'],
    ['credit', 'credit'],
  ],
  download: [['title', 'title']],
};

/** Ids of the `<datalist>`s the editor renders for reference fields. */
export const DATALIST = { any: 'mh-link-targets', media: 'mh-media-targets' } as const;

let counter = 0;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function control(def: FieldDef, id: string): Control {
  if (def.choices) {
    const select = el('select', { id, 'data-field': def.key });
    select.append(el('option', { value: '' }, '(default)'));
    for (const c of def.choices) select.append(el('option', { value: c }, c));
    return select;
  }
  if (def.checkbox) return el('input', { id, type: 'checkbox', 'data-field': def.key });
  if (def.multiline) return el('textarea', { id, 'data-field': def.key, rows: '2' });
  const input = el('input', { id, type: 'text', 'data-field': def.key, spellcheck: 'true' });
  if (def.reference) input.setAttribute('list', DATALIST[def.reference]);
  if (def.reference || def.key === 'url') input.spellcheck = false;
  return input;
}

/** Shows a field's value in its control (a tick box is ticked by `true` or `yes`). */
function show(input: Control, value: string): void {
  if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = isTicked(value);
  else if (input.value !== value) input.value = value;
}

class RichBlockView {
  dom: HTMLElement;
  #node: PmNode;
  readonly #props: NodeViewRendererProps;
  readonly #controls = new Map<string, Control>();
  /** Media fields: shown as the chosen file's name, changed with the picker. */
  readonly #pickers = new Map<string, (value: string) => void>();
  #rawBody: HTMLTextAreaElement | null = null;

  constructor(props: NodeViewRendererProps) {
    this.#props = props;
    this.#node = props.node;
    this.dom = el('div', { class: 'mh-card', 'data-testid': 'rich-block', contenteditable: 'false' });
    this.#build();
  }

  #build(): void {
    const info = String(this.#node.attrs.info);
    const name = info.split(/\s/)[0] ?? '';
    const known = isBlockName(name) ? BLOCK_FIELDS[name] : null;
    const fields = parseFields(String(this.#node.attrs.body));
    this.dom.setAttribute('data-block', name);
    this.dom.replaceChildren();
    this.#controls.clear();
    this.#pickers.clear();
    this.#rawBody = null;

    const head = el('div', { class: 'mh-card-head', 'data-drag-handle': '' });
    head.append(el('span', { class: 'mh-card-title' }, known?.title ?? name));
    const remove = el('button', { type: 'button', class: 'mh-card-remove', 'aria-label': `Remove ${known?.title ?? name}` }, '×');
    remove.addEventListener('click', () => this.#remove());
    head.append(remove);
    this.dom.append(head);

    if (!known || fields === null) {
      // Not `key: value` lines: edit the body as text.
      const id = `mh-field-${++counter}`;
      const label = el('label', { for: id, class: 'mh-card-label' }, 'Block text');
      const area = el('textarea', { id, class: 'mh-card-raw', rows: '4', spellcheck: 'false' });
      area.value = String(this.#node.attrs.body);
      area.addEventListener('input', () => this.#setBody(area.value));
      this.#rawBody = area;
      this.dom.append(label, area);
      return;
    }
    const grid = el('div', { class: 'mh-card-fields' });
    for (const def of known.fields) {
      const id = `mh-field-${++counter}`;
      if (def.reference === 'media') {
        grid.append(...this.#picker(def, id, name, getField(fields, def.key)));
        continue;
      }
      const label = el('label', { for: id, class: 'mh-card-label' }, def.required ? `${def.label} (required)` : def.label);
      const input = control(def, id);
      show(input, getField(fields, def.key));
      if (input instanceof HTMLInputElement && input.type === 'checkbox') {
        input.addEventListener('change', () => {
          this.#setField(def.key, input.checked ? 'true' : '');
          this.#syncDecorative();
        });
      } else {
        input.addEventListener('input', () => this.#setField(def.key, input.value));
      }
      this.#controls.set(def.key, input);
      grid.append(label, input);
    }
    this.dom.append(grid);
    this.#syncDecorative();
  }

  /** A media field: the file's name and a button that opens the media library's picker. */
  #picker(def: FieldDef, id: string, block: string, value: string): HTMLElement[] {
    const kind = block === 'figure' ? 'image' : 'file';
    const label = el('span', { id: `${id}-label`, class: 'mh-card-label' }, def.required ? `${def.label} (required)` : def.label);
    const row = el('div', { class: 'mh-card-media', 'data-field': def.key });
    const shown = el('span', { id: `${id}-name`, class: 'mh-card-media-name', 'data-testid': 'block-media-name' });
    const button = el('button', {
      type: 'button',
      class: 'mh-card-pick',
      'data-testid': 'block-media-pick',
      'aria-describedby': `${id}-label ${id}-name`,
    });
    let current = value;
    const show = (v: string): void => {
      current = v;
      shown.textContent = v === '' ? 'None chosen' : v.startsWith('media:') ? v.slice('media:'.length) : v;
      button.textContent = v === '' ? `Choose ${kind === 'image' ? 'an image' : 'a file'}…` : 'Change…';
    };
    show(value);
    button.addEventListener('click', () => {
      const request: PickMediaRequest = {
        kind,
        current: current.startsWith('media:') ? current.slice('media:'.length) : null,
        choose: (item) => this.#chosen(block, def.key, item),
      };
      this.dom.dispatchEvent(new CustomEvent(PICK_MEDIA_EVENT, { bubbles: true, detail: request }));
    });
    this.#pickers.set(def.key, show);
    row.append(shown, button);
    return [label, row];
  }

  /** The picked item's reference, and its texts in the fields still empty. */
  #chosen(block: string, key: string, item: PickedMedia): void {
    let body = String(this.#node.attrs.body);
    const fields = parseFields(body);
    body = setField(body, key, `media:${item.name}`);
    const decorative = isTicked(getField(fields, 'decorative'));
    for (const [field, from] of PREFILL[block] ?? []) {
      const text = item[from]?.trim();
      if (!text || getField(fields, field) !== '' || (field === 'alt' && decorative)) continue;
      body = setField(body, field, text);
    }
    this.#setBody(body);
  }

  /** A decorative figure has no alt text: its field is not asked for (the renderer ignores it). */
  #syncDecorative(): void {
    const decorative = this.#controls.get('decorative');
    const alt = this.#controls.get('alt');
    if (!(decorative instanceof HTMLInputElement) || !alt) return;
    alt.disabled = decorative.checked;
    if (decorative.checked) alt.setAttribute('placeholder', 'Not needed: the image is decorative');
    else alt.removeAttribute('placeholder');
  }

  #setField(key: string, value: string): void {
    this.#setBody(setField(String(this.#node.attrs.body), key, value));
  }

  #setBody(body: string): void {
    const pos = this.#props.getPos();
    if (typeof pos !== 'number') return;
    const { view } = this.#props.editor;
    view.dispatch(view.state.tr.setNodeMarkup(pos, undefined, { ...this.#node.attrs, body }));
  }

  #remove(): void {
    const pos = this.#props.getPos();
    if (typeof pos !== 'number') return;
    const { view } = this.#props.editor;
    view.dispatch(view.state.tr.delete(pos, pos + this.#node.nodeSize));
    view.focus();
  }

  update(node: PmNode): boolean {
    if (node.type !== this.#node.type) return false;
    const sameShape = node.attrs.info === this.#node.attrs.info;
    this.#node = node;
    if (!sameShape || (this.#rawBody === null && parseFields(String(node.attrs.body)) === null)) {
      this.#build();
      return true;
    }
    // Undo, redo or another view changed the body: show it, without disturbing the field being typed in.
    const fields = parseFields(String(node.attrs.body));
    for (const [key, input] of this.#controls) {
      if (document.activeElement !== input) show(input, getField(fields, key));
    }
    for (const [key, showPicked] of this.#pickers) showPicked(getField(fields, key));
    this.#syncDecorative();
    if (this.#rawBody && document.activeElement !== this.#rawBody) this.#rawBody.value = String(node.attrs.body);
    return true;
  }

  stopEvent(event: Event): boolean {
    const target = event.target as HTMLElement | null;
    return !!target?.closest('input, textarea, select, button');
  }

  ignoreMutation(): boolean {
    return true;
  }
}

export const richBlockView: NodeViewRenderer = (props) => new RichBlockView(props);

/** The raw-block card: a label above the monospace text, which stays editable. */
export const rawBlockView: NodeViewRenderer = () => {
  const dom = el('div', { class: 'mh-raw-block', 'data-testid': 'raw-block' });
  const label = el('div', { class: 'mh-raw-label', contenteditable: 'false' }, 'Markdown kept as written');
  const pre = el('pre', { spellcheck: 'false' });
  const code = el('code');
  pre.append(code);
  dom.append(label, pre);
  return { dom, contentDOM: code };
};
