/**
 * Tables sit in a scrolling box, so a wide one scrolls inside the column instead of widening
 * the page; the box takes keyboard focus so it can be scrolled without a mouse.
 */
import type { Markdown } from "./render.ts";

export function scrollingTables(md: Markdown): void {
  md.renderer.rules.table_open = (tokens, idx, options, _env, self) => `<div class="table-scroll" tabindex="0">\n${self.renderToken(tokens, idx, options)}`;
  md.renderer.rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>\n`;
}
