/**
 * The slug for a title: lowercase ASCII letters and digits joined by single hyphens, at most
 * 80 characters. Mirrors `masthead_store::slugify` closely enough for a suggestion; the
 * backend has the last word.
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[ø]/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 80).replace(/-+$/, '');
}

/**
 * Whether the slug should still follow the title: never once the article was published
 * (its address is out there) or once someone edited the slug by hand.
 */
export function slugFollowsTitle(opts: { everPublished: boolean; editedByHand: boolean }): boolean {
  return !opts.everPublished && !opts.editedByHand;
}
