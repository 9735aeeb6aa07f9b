/**
 * space-around-inline-code — one space between inline code and adjacent Han, Latin or digits:
 * ``写一个`for`循环`` → ``写一个 `for` 循环`` (house style A2). Next to full-width
 * punctuation there is none; no-space-fullwidth-punct removes it there.
 */
import { defineRule, matches, spaceBefore } from '../rule.ts'
import { ATOM } from '../chars.ts'

const WORD = '\\p{Script=Han}A-Za-z0-9\\u00C0-\\u024F'
const TEXT_THEN_CODE = new RegExp(`[${WORD}](?=${ATOM.code})`, 'gu')
const CODE_THEN_TEXT = new RegExp(`${ATOM.code}(?=[${WORD}])`, 'gu')
const MESSAGE = 'Missing space around inline code'

export default defineRule({
  id: 'space-around-inline-code',
  description: 'One space between inline code and adjacent text.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '写一个 `for` 循环，或者“`while`”。' },
    { input: '运行 `npm install`。' },
    {
      input: '写一个`for`循环',
      messages: [`1:3-1:9: ${MESSAGE}`, `1:4-1:10: ${MESSAGE}`],
      output: '写一个 `for` 循环',
    },
    {
      input: '调用[`fn`](https://x.com)就好',
      messages: [`1:2-1:8: ${MESSAGE}`, `1:4-1:25: ${MESSAGE}`],
      output: '调用 [`fn`](https://x.com) 就好',
    },
    // CJK flanking: these `**` are literal text, not strong, so the code touches `*`, not Han.
    { input: '调用**`fn`**就好' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const pattern of [TEXT_THEN_CODE, CODE_THEN_TEXT]) {
        for (const match of matches(pattern, block.text)) {
          const boundary = match.index + 1
          context.reportFlat(block, boundary - 1, boundary + 1, MESSAGE, spaceBefore(block, boundary))
        }
      }
    }
  },
})
