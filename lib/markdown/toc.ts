/** The table of contents, built from the headings the renderer produced (so ids always match). */
import { escapeHtml } from "./escape.ts";

export interface Heading {
  level: number;
  id: string;
  text: string;
}

export interface TocNode extends Heading {
  children: TocNode[];
}

/** Nests headings by level; a deeper heading with no parent in range attaches to the nearest shallower one. */
export function buildToc(headings: Heading[], levels: readonly [number, number]): TocNode[] {
  const [min, max] = levels;
  const roots: TocNode[] = [];
  const stack: TocNode[] = [];
  for (const heading of headings) {
    if (heading.level < min || heading.level > max) continue;
    const node: TocNode = { ...heading, children: [] };
    while (stack.length && stack[stack.length - 1].level >= node.level) stack.pop();
    (stack.length ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

export function renderToc(nodes: TocNode[]): string {
  if (!nodes.length) return "";
  const items = nodes
    .map((node) => {
      const href = `#${encodeURIComponent(node.id)}`;
      return `<li><a href="${href}">${escapeHtml(node.text)}</a>${renderToc(node.children)}</li>`;
    })
    .join("");
  return `<ol>${items}</ol>`;
}
