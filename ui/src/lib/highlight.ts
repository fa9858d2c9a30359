// Marks a search's words in whatever a record's page shows, without touching the page's own DOM:
// the matches become ranges of a CSS custom highlight (`::highlight(search-hit)`), so Svelte's
// nodes stay as Svelte made them. Words match as the engine's index matches them: case and
// accents folded, whole words, a prefix when the term ends in `*`, a phrase as its words in
// order with only punctuation or spaces between. A text field's value cannot hold a range, so a
// field that holds a match is marked instead, and the first such match is selected.

import type { SearchTerm } from '../ipc';

const WORD = /[\p{L}\p{N}]/u;
export const HIGHLIGHT = 'search-hit';

/** Lower case without accents, one folded character per original UTF-16 unit where possible. */
function fold(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const plain = text[i]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const unit of plain) {
      folded += unit;
      map.push(i);
    }
  }
  map.push(text.length);
  return { folded, map };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regular expression that finds every term in folded text. */
export function termPattern(terms: SearchTerm[]): RegExp | null {
  const parts = terms
    .filter((t) => t.words.length > 0)
    .map((t) => {
      const words = t.words.map((w) => escape(fold(w).folded));
      const last = t.prefix ? '[\\p{L}\\p{N}]*' : '';
      return `${words.join('[^\\p{L}\\p{N}]+')}${last}`;
    });
  if (parts.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** The [start, end) spans of `text` that match, in the original text's positions. */
export function matchSpans(text: string, pattern: RegExp): [number, number][] {
  const { folded, map } = fold(text);
  const spans: [number, number][] = [];
  pattern.lastIndex = 0;
  for (const m of folded.matchAll(pattern)) {
    const start = map[m.index]!;
    const end = map[m.index + m[0].length] ?? text.length;
    if (end > start) spans.push([start, end]);
  }
  return spans;
}

type Highlights = { set(name: string, value: unknown): void; delete(name: string): void };
type HighlightConstructor = new (...ranges: Range[]) => unknown;

function registry(): { highlights: Highlights; Highlight: HighlightConstructor } | null {
  const css = (globalThis as { CSS?: { highlights?: Highlights } }).CSS;
  const Highlight = (globalThis as { Highlight?: HighlightConstructor }).Highlight;
  if (!css?.highlights || !Highlight) return null;
  return { highlights: css.highlights, Highlight };
}

/**
 * Highlights every match under `root`, scrolls the first into view, and answers how many were
 * found. Text fields holding a match get `data-search-hit`.
 */
export function highlightTerms(root: HTMLElement, terms: SearchTerm[]): number {
  const pattern = termPattern(terms);
  clearHighlight(root);
  if (!pattern) return 0;
  const ranges: Range[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (!WORD.test(text)) continue;
    for (const [start, end] of matchSpans(text, pattern)) {
      const range = root.ownerDocument.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      ranges.push(range);
    }
  }
  let fields = 0;
  let firstField: HTMLTextAreaElement | HTMLInputElement | null = null;
  for (const field of root.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type="text"], input:not([type])')) {
    const spans = matchSpans(field.value, pattern);
    if (spans.length === 0) continue;
    field.dataset.searchHit = '';
    fields += spans.length;
    if (!firstField) {
      firstField = field;
      field.setSelectionRange(spans[0]![0], spans[0]![1]);
    }
  }
  const found = registry();
  if (found && ranges.length > 0) found.highlights.set(HIGHLIGHT, new found.Highlight(...ranges));
  const count = ranges.length + fields;
  root.dataset.searchHits = String(count);
  const first = ranges[0]?.startContainer.parentElement ?? firstField;
  first?.scrollIntoView?.({ block: 'center' });
  return count;
}

/** Removes the marks `highlightTerms` made. */
export function clearHighlight(root?: HTMLElement): void {
  registry()?.highlights.delete(HIGHLIGHT);
  if (!root) return;
  delete root.dataset.searchHits;
  for (const field of root.querySelectorAll<HTMLElement>('[data-search-hit]')) delete field.dataset.searchHit;
}
