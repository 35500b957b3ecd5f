/**
 * The card a rich block is edited as: a form with one input per known field. Edits rewrite
 * only the line of the field that changed, so untouched lines stay byte-identical.
 */
import type { NodeViewRenderer, NodeViewRendererProps } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { BLOCK_FIELDS, getField, isBlockName, parseFields, setField, type FieldDef } from './fields';

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
  if (def.multiline) return el('textarea', { id, 'data-field': def.key, rows: '2' });
  const input = el('input', { id, type: 'text', 'data-field': def.key, spellcheck: 'true' });
  if (def.reference) input.setAttribute('list', DATALIST[def.reference]);
  if (def.reference || def.key === 'url') input.spellcheck = false;
  return input;
}

class RichBlockView {
  dom: HTMLElement;
  #node: PmNode;
  readonly #props: NodeViewRendererProps;
  readonly #controls = new Map<string, Control>();
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
      const label = el('label', { for: id, class: 'mh-card-label' }, def.required ? `${def.label} (required)` : def.label);
      const input = control(def, id);
      input.value = getField(fields, def.key);
      input.addEventListener('input', () => this.#setField(def.key, input.value));
      this.#controls.set(def.key, input);
      grid.append(label, input);
    }
    this.dom.append(grid);
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
      const value = getField(fields, key);
      if (input.value !== value && document.activeElement !== input) input.value = value;
    }
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
