/**
 * A line break inside a paragraph is not a space between two East Asian characters
 * (CSS Text 3's segment-break rule): `中文\n中文` renders as `中文中文`, `English\n中文` keeps
 * its space. Replaces markdown-it-cjk-breaks 2.0.0, which throws "Expected a code point, got
 * undefined" on the empty text token markdown-it 15 leaves after emphasis that ends a line
 * (`**粗体**\n中文`), one of the commonest shapes in Chinese prose.
 *
 * The characters compared are the ones the reader sees on each side of the break: emphasis and
 * link markers are looked through, empty text is skipped, code counts by its own characters,
 * and anything else (an image, inline HTML, another break) keeps the break.
 */
import { eastAsianWidthType } from "get-east-asian-width";
import type { StateCore, Token } from "markdown-it";

type Markdown = { core: { ruler: { push(name: string, rule: (state: StateCore) => void): void } } };

const HANGUL = /[\u1100-\u11FF\u302E\u302F\u3131-\u318E\u3200-\u321E\u3260-\u327E\uA960-\uA97C\uAC00-\uD7A3\uD7B0-\uD7C6\uD7CB-\uD7FB\uFFA0-\uFFBE\uFFC2-\uFFC7\uFFCA-\uFFCF\uFFD2-\uFFD7\uFFDA-\uFFDC]/u;
const ZWSP = 0x200b;

/** The code point next to the break on one side, or undefined when nothing visible is there. */
function neighbour(tokens: Token[], from: number, step: 1 | -1): number | undefined {
  for (let j = from; j >= 0 && j < tokens.length; j += step) {
    const token = tokens[j];
    if (token.type === "text" || token.type === "code_inline") {
      if (token.content === "") continue;
      if (step === 1) return token.content.codePointAt(0);
      const last = [...token.content.slice(-2)].pop();
      return last?.codePointAt(0);
    }
    // Markers such as strong_open / em_close / link_open show nothing themselves.
    if (token.nesting !== 0) continue;
    return undefined;
  }
  return undefined;
}

function isWide(codePoint: number): boolean {
  const type = eastAsianWidthType(codePoint);
  return (type === "fullwidth" || type === "wide" || type === "halfwidth") && !HANGUL.test(String.fromCodePoint(codePoint));
}

/** True when the soft break at `index` joins its neighbours without a space. */
export function joinsWithoutSpace(tokens: Token[], index: number): boolean {
  const before = neighbour(tokens, index - 1, -1);
  const after = neighbour(tokens, index + 1, 1);
  if (before === undefined || after === undefined) return false;
  if (before === ZWSP || after === ZWSP) return true;
  return isWide(before) && isWide(after);
}

function removeCjkBreaks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const children = block.children;
    for (let i = 0; i < children.length; i++) {
      if (children[i].type !== "softbreak" || !joinsWithoutSpace(children, i)) continue;
      children[i].type = "text";
      children[i].content = "";
    }
  }
}

export default function cjkBreaks(md: Markdown): void {
  md.core.ruler.push("wenji_cjk_breaks", removeCjkBreaks);
}
