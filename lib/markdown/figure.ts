/**
 * An image alone in its paragraph with a title (`![alt](src "title")`) becomes a figure whose
 * caption is the title: the Markdown stays plain and portable, the page gets a real caption.
 */
import type { StateCore, Token } from "markdown-it";
import type { Markdown } from "./render.ts";

function soleImage(inline: Token): Token | undefined {
  const meaningful = (inline.children ?? []).filter((c) => !(c.type === "softbreak" || (c.type === "text" && c.content.trim() === "")));
  return meaningful.length === 1 && meaningful[0].type === "image" ? meaningful[0] : undefined;
}

export function titledImageFigures(md: Markdown): void {
  md.core.ruler.push("wenji_figures", (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i].type !== "paragraph_open" || tokens[i + 1].type !== "inline" || tokens[i + 2].type !== "paragraph_close") continue;
      const image = soleImage(tokens[i + 1]);
      const title = image?.attrGet("title");
      if (!image || !title) continue;
      tokens[i].tag = "figure";
      tokens[i + 2].tag = "figure";
      const open = new state.Token("html_inline", "", 0);
      open.content = "<figcaption>";
      const text = new state.Token("text", "", 0);
      text.content = String(title);
      const close = new state.Token("html_inline", "", 0);
      close.content = "</figcaption>";
      tokens[i + 1].children!.push(open, text, close);
    }
  });
}
