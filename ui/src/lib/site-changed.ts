/** Screens say when the site's title or counts may have changed; the sidebar refreshes. */
const EVENT = 'masthead:site-changed';

export function siteChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onSiteChanged(f: () => void): () => void {
  window.addEventListener(EVENT, f);
  return () => window.removeEventListener(EVENT, f);
}

/** Something was saved (an article, a page, a slide, the settings): team sync sends it soon. */
const SAVED = 'masthead:saved';

/** Passes a save's result through, telling whoever listens that something was saved. */
export function noteSaved<T>(value: T): T {
  if (typeof window !== 'undefined' && typeof window.dispatchEvent === 'function') window.dispatchEvent(new Event(SAVED));
  return value;
}

export function onSaved(f: () => void): () => void {
  window.addEventListener(SAVED, f);
  return () => window.removeEventListener(SAVED, f);
}

/** Colleagues' work came in with a team sync: lists read the site again. */
const ARRIVED = 'masthead:content-arrived';

export function contentArrived(): void {
  window.dispatchEvent(new Event(ARRIVED));
}

export function onContentArrived(f: () => void): () => void {
  window.addEventListener(ARRIVED, f);
  return () => window.removeEventListener(ARRIVED, f);
}
