/** References the site understands, plus ordinary web, mail and phone links. */
export function isAllowedHref(url: string): boolean {
  return /^(article|page|media):[^\s]+$|^(https?:\/\/|mailto:|tel:|\/|#)/i.test(url.trim());
}
