/**
 * The home page preview shows the slide being edited: the carousel (the theme's
 * `.mh-slides > .mh-slide`, one `is-current` at a time) is turned to it, its counter
 * follows, and it is scrolled into view and outlined when all slides show at once (the
 * preview runs no scripts, so the theme lays the slides out side by side).
 */

interface Shown {
  headline: string;
  blurb?: string | null;
}

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The slide's item in the carousel: by headline, then by text when two share a headline. */
export function findSlide(doc: Document, slide: Shown): HTMLElement | null {
  const items = [...doc.querySelectorAll<HTMLElement>('.mh-slides > .mh-slide')];
  const same = items.filter((li) => squash(li.querySelector('.mh-slide-headline')?.textContent) === squash(slide.headline));
  return same.find((li) => squash(li.querySelector('.mh-slide-blurb')?.textContent) === squash(slide.blurb)) ?? same[0] ?? null;
}

/** Turns the preview's carousel to `slide`; false when the page does not show it (not current, say). */
export function showSlideInPreview(doc: Document, slide: Shown): boolean {
  const item = findSlide(doc, slide);
  if (!item) return false;
  const items = [...doc.querySelectorAll<HTMLElement>('.mh-slides > .mh-slide')];
  for (const li of items) li.classList.toggle('is-current', li === item);
  const count = doc.querySelector('.mh-carousel-current');
  if (count) count.textContent = String(items.indexOf(item) + 1);
  if (items.length > 1) {
    item.setAttribute('data-editing', '');
    item.style.outline = '4px solid #f0a020';
    item.style.outlineOffset = '3px';
  }
  // Within the frame only: scrollIntoView would scroll the app around the frame as well.
  const win = doc.defaultView;
  if (win) {
    const rect = item.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > win.innerHeight) win.scrollTo(0, Math.max(0, win.scrollY + rect.top - 16));
  }
  return true;
}
