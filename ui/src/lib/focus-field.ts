/**
 * Takes the user to a field a publish check named: waits for the screen to show it, opens
 * the <details> around it, scrolls it into view, focuses it and highlights it for a while.
 *
 * Fields carry `data-problem-field="<name>"` (the names `check_site` uses: `summary`, `image_alt`,
 * `seo_description`, …); the article text is `body`.
 */

/** The id of the note (rendered by App) that says what is wrong with the field. */
export const PROBLEM_NOTE_ID = 'problem-note';
export const HIGHLIGHT_CLASS = 'field-highlight';

/** The element that stands for `field`, if the screen shows it yet. */
export function findField(root: ParentNode, field: string): HTMLElement | null {
  const named = root.querySelector<HTMLElement>(`[data-problem-field="${CSS.escape(field)}"]`);
  if (named) return named;
  if (field === 'body') return root.querySelector<HTMLElement>('.ProseMirror');
  return null;
}

let undo: (() => void) | null = null;

/** Removes the highlight left by the last call, if any. */
export function clearHighlight(): void {
  undo?.();
  undo = null;
}

/**
 * Looks for the field until `timeoutMs` (screens load their item first); resolves to the
 * element it highlighted, or null when the screen never showed it.
 */
export function focusField(
  field: string,
  { timeoutMs = 5000, highlightMs = 6000, root = document }: { timeoutMs?: number; highlightMs?: number; root?: ParentNode } = {},
): Promise<HTMLElement | null> {
  clearHighlight();
  const until = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    let seen: HTMLElement | null = null;
    const look = (): void => {
      const el = findField(root, field);
      // Found twice in a row, a frame apart: the screen has settled (and its own autofocus ran).
      if (el && el === seen) {
        resolve(highlight(el, highlightMs));
        return;
      }
      seen = el;
      if (Date.now() > until) {
        resolve(null);
        return;
      }
      setTimeout(look, 50);
    };
    look();
  });
}

function highlight(el: HTMLElement, ms: number): HTMLElement {
  // Open every <details> around it; the components own their `open` state and follow `toggle`.
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
  el.classList.add(HIGHLIGHT_CLASS);
  const before = el.getAttribute('aria-describedby');
  const ids = (before ?? '').split(/\s+/).filter(Boolean);
  if (!ids.includes(PROBLEM_NOTE_ID)) el.setAttribute('aria-describedby', [...ids, PROBLEM_NOTE_ID].join(' '));
  const timer = setTimeout(clearHighlight, ms);
  undo = () => {
    clearTimeout(timer);
    el.classList.remove(HIGHLIGHT_CLASS);
    if (before === null) el.removeAttribute('aria-describedby');
    else el.setAttribute('aria-describedby', before);
  };
  return el;
}
