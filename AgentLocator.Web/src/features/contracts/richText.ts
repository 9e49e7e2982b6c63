// The template body's rich text in the browser: the same whitelist the server enforces (it sanitises again on save),
// used for the editor's live preview, and the toolbar's wrapping of the selected text in a tag.

const ALLOWED = new Set(['P', 'H1', 'H2', 'H3', 'STRONG', 'EM', 'U', 'UL', 'OL', 'LI', 'BR']);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'TEXTAREA', 'TITLE', 'NOSCRIPT']);

/** A DOM fragment of only the allowed tags, without attributes; other tags give way to their text. */
export function safeFragment(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  const copy = (from: Node, to: Node) => {
    from.childNodes.forEach((child) => {
      if (child.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(child.textContent ?? ''));
      } else if (child instanceof Element && !DROPPED.has(child.tagName)) {
        if (ALLOWED.has(child.tagName)) {
          const element = document.createElement(child.tagName.toLowerCase());
          to.appendChild(element);
          copy(child, element);
        } else {
          copy(child, to);
        }
      }
    });
  };
  copy(parsed.body, fragment);
  return fragment;
}

/** The text with the selection [start, end) wrapped in <tag>…</tag>, and where the selection lands after. */
export function wrapSelection(text: string, start: number, end: number, tag: string): { text: string; start: number; end: number } {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  return {
    text: text.slice(0, start) + open + text.slice(start, end) + close + text.slice(end),
    start: start + open.length,
    end: end + open.length,
  };
}

/** The text with <c>insert</c> placed at the caret (or over the selection), and the caret after it. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}
