/**
 * no-space-fullwidth-punct — no space on either side of full-width punctuation, curly quotes
 * included (house style A3; zhlint's default puts spaces outside “”, we do not). A space
 * touching a URL is kept: removing it would let a bare GFM URL swallow the next character.
 * A space after an ASCII dash (`-- 《书名》`, an attribution) is the dash rule's to fix, whole;
 * a heading's id attribute (`## 标题？ {#id}`) is masked before parsing, so never meets this rule.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'
import { ATOM, FULLWIDTH_PUNCT } from '../chars.ts'

const SPACES_BY_PUNCT = new RegExp(`[ \\t\\u3000]+(?=[${FULLWIDTH_PUNCT}])|(?<=[${FULLWIDTH_PUNCT}])[ \\t\\u3000]+`, 'gu')
const MESSAGE = 'Unexpected space next to full-width punctuation'

export default defineRule({
  id: 'no-space-fullwidth-punct',
  description: 'No space on either side of full-width punctuation.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: 'iPhone，好开心。他说“很忙”，然后走了。' },
    { input: '链接 https://example.com/指南 ，后面。' },
    { input: '## 为什么？ {#why}\n\n## 怎么办？ {/*how*/}\n\n## 深色（附加组件） :id=dark' },
    { input: 'iPhone ，好开心', messages: [`1:7-1:8: ${MESSAGE}`], output: 'iPhone，好开心' },
    {
      input: '自己 “很忙” ，然后',
      messages: [`1:3-1:4: ${MESSAGE}`, `1:8-1:9: ${MESSAGE}`],
      output: '自己“很忙”，然后',
    },
    { input: '使用 `npm` 。', messages: [`1:9-1:10: ${MESSAGE}`], output: '使用 `npm`。' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(SPACES_BY_PUNCT, text)) {
        const from = match.index
        const to = from + match[0].length
        if (from === 0 || to === text.length) continue
        if (text[from - 1] === ATOM.url || text[to] === ATOM.url || /[-—]/.test(text[from - 1])) continue
        context.reportFlat(block, from, to, MESSAGE, replaceFlat(block, from, to, ''))
      }
    }
  },
})
