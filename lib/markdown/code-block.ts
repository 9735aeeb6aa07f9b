/**
 * Fenced code sits in a box whose top bar names the language (`data-lang`, shown by the CSS),
 * where the copy button appears when scripts run: the bar is there either way, so adding the
 * button moves nothing. The `<pre>` scrolls sideways (a wrapped shell comment reads as a
 * command) and takes keyboard focus so it can be scrolled without a mouse.
 */
import type { Markdown } from "./render.ts";
import { escapeHtml } from "./escape.ts";

export function codeBlocks(md: Markdown): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const lang = tokens[idx].info.trim().split(/\s+/)[0] ?? "";
    // A diagram is drawn in place of its source: no code chrome around it.
    if (lang.toLowerCase() === "mermaid") return fence(tokens, idx, options, env, self);
    const html = fence(tokens, idx, options, env, self).replace(/^<pre\b/, '<pre tabindex="0"');
    return `<div class="code-block" data-lang="${escapeHtml(lang)}">${html.trimEnd()}</div>\n`;
  };
}
