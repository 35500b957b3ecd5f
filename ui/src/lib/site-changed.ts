/** Screens say when the site's title or counts may have changed; the sidebar refreshes. */
const EVENT = 'masthead:site-changed';

export function siteChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onSiteChanged(f: () => void): () => void {
  window.addEventListener(EVENT, f);
  return () => window.removeEventListener(EVENT, f);
}
