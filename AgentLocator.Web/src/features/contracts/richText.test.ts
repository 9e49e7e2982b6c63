import { describe, expect, it } from 'vitest';
import { insertAt, safeFragment, wrapSelection } from './richText';

const html = (fragment: DocumentFragment) => {
  const holder = document.createElement('div');
  holder.appendChild(fragment);
  return holder.innerHTML;
};

describe('the template body in the browser', () => {
  it('keeps only the allowed tags, without attributes, and drops scripts whole', () => {
    expect(html(safeFragment('<p onclick="x()">שלום <strong style="color:red">{{customer.name}}</strong><script>alert(1)</script></p><div><a href="x">קישור</a></div>'))).toBe(
      '<p>שלום <strong>{{customer.name}}</strong></p>קישור',
    );
  });

  it('wraps the selection in a tag and inserts a placeholder at the caret', () => {
    expect(wrapSelection('שלום עולם', 5, 9, 'strong')).toEqual({ text: 'שלום <strong>עולם</strong>', start: 13, end: 17 });
    expect(insertAt('שלום ', 5, 5, '{{customer.name}}')).toEqual({ text: 'שלום {{customer.name}}', caret: 22 });
  });
});
