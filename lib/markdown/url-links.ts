/**
 * A bare URL in the text (linkified, or `<https://...>`) gets `class="url"`, so the stylesheet
 * can let it break between any two characters: in justified Chinese a long unbreakable URL
 * would otherwise push to the next line and leave the line before it stretched letter by letter.
 */
import type { Markdown } from "./render.ts";

export function urlLinks(md: Markdown): void {
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    if (token.markup === "linkify" || token.markup === "autolink") token.attrJoin("class", "url");
    return self.renderToken(tokens, idx, options);
  };
}
