/**
 * GitHub task lists: a list item that starts with `[ ]` or `[x]` gets a checkbox the reader
 * cannot tick (the essay records what was done; it is not a form). The checkbox and the
 * item's first paragraph share a <label>, so assistive technology reads the item as its name.
 */
import type { StateCore, Token } from "markdown-it";
import type { Markdown } from "./render.ts";

const MARKER = /^\[([ xX])\][ \t]/;

function html(state: StateCore, content: string): Token {
  const token = new state.Token("html_inline", "", 0);
  token.content = content;
  return token;
}

function markTasks(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline.type !== "inline" || tokens[i - 1].type !== "paragraph_open" || tokens[i - 2].type !== "list_item_open") continue;
    const first = inline.children?.[0];
    const marker = first?.type === "text" ? MARKER.exec(first.content) : null;
    if (!first || !marker) continue;
    first.content = first.content.slice(marker[0].length);
    const checked = marker[1] !== " " ? " checked" : "";
    inline.children!.unshift(html(state, `<label class="task"><input type="checkbox" disabled${checked}> `));
    inline.children!.push(html(state, "</label>"));
    tokens[i - 2].attrJoin("class", "task-list-item");
    const list = listOpening(tokens, i - 2);
    if (list && !String(list.attrGet("class") ?? "").includes("contains-task-list")) list.attrJoin("class", "contains-task-list");
  }
}

/** The `<ul>`/`<ol>` token that holds the list item at `item`. */
function listOpening(tokens: Token[], item: number): Token | undefined {
  const level = tokens[item].level - 1;
  for (let j = item - 1; j >= 0; j--) if (tokens[j].level === level && tokens[j].nesting === 1) return tokens[j];
  return undefined;
}

export function taskLists(md: Markdown): void {
  md.core.ruler.after("inline", "wenji_task_lists", markTasks);
}
