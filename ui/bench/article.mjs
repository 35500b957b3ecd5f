/**
 * The 5,000-word article of tests/e2e/timing.test.mjs (`longArticle`), without its front matter.
 * @returns {string}
 */
export function longArticle() {
  const words = ['migrant', 'integration', 'policy', 'report', 'cities', 'education', 'labour', 'data'];
  /** @type {string[]} */
  const paragraphs = [];
  for (let i = 0; i < 50; i++) {
    const p = Array.from({ length: 100 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    paragraphs.push(i % 10 === 0 ? `## Part ${i / 10 + 1}\n\n${p}.` : `${p}.`);
  }
  return `${paragraphs.join('\n\n')}\n`;
}
