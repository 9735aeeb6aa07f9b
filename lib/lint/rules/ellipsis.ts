/**
 * ellipsis — Chinese text uses `……` (two U+2026). `...`, `....`, `。。。`, a lone `…` or
 * `………` next to Han are fixed; English `Please wait...` and `../config` stay (house style A7).
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'
import { isChineseContext } from '../chars.ts'

const ELLIPSIS_LIKE = /\.{3,}|。{3,}|[…⋯]+/g
const MESSAGE = 'Use `……` for an ellipsis in Chinese text'

export default defineRule({
  id: 'ellipsis',
  description: 'Chinese ellipsis is two U+2026.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '时间过去了……' },
    { input: 'Please wait... 然后看 ../config 文件。' },
    { input: '时间过去了...', messages: [`1:6-1:9: ${MESSAGE}`], output: '时间过去了……' },
    { input: '他想了想。。。', messages: [`1:5-1:8: ${MESSAGE}`], output: '他想了想……' },
    { input: '然后…再说', messages: [`1:3-1:4: ${MESSAGE}`], output: '然后……再说' },
    { input: '然后………', messages: [`1:3-1:6: ${MESSAGE}`], output: '然后……' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(ELLIPSIS_LIKE, text)) {
        if (match[0] === '……') continue
        const from = match.index
        const to = from + match[0].length
        if (!isChineseContext(text[from - 1]) && !isChineseContext(text[to])) continue
        context.reportFlat(block, from, to, MESSAGE, replaceFlat(block, from, to, '……'))
      }
    }
  },
})
