/**
 * no-repeated-punct — runs of `！`/`？` collapse to one of each, full-width: `完成了！！！` →
 * `完成了！`, `？？！！` → `？！`, `!!!` after Han → `！` (house style A8). Mixed pause marks
 * such as `，。` are reported only: which one was meant is the writer's call.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'
import { isChineseContext } from '../chars.ts'

const EXCLAIM_RUN = /[!?！？]{2,}/g
const PAUSE_RUN = /[，。、；：]{2,}/g
const WIDE: Record<string, string> = { '!': '！', '?': '？', '！': '！', '？': '？' }

export default defineRule({
  id: 'no-repeated-punct',
  description: 'No repeated exclamation or question marks.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '真的吗？！太好了！' },
    { input: 'What?! Really!!' },
    { input: '完成了！！！', messages: ['1:4-1:7: Repeated punctuation `！！！`'], output: '完成了！' },
    { input: '什么？？！！', messages: ['1:3-1:7: Repeated punctuation `？？！！`'], output: '什么？！' },
    { input: '好!!!', messages: ['1:2-1:5: Repeated punctuation `!!!`'], output: '好！' },
    { input: '好了，。走吧', messages: ['1:3-1:5: Redundant punctuation `，。`'] },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(EXCLAIM_RUN, text)) {
        const from = match.index
        const to = from + match[0].length
        if (!isChineseContext(text[from - 1]) && !/[！？]/.test(match[0])) continue
        const collapsed = [...new Set([...match[0]].map((mark) => WIDE[mark]))].join('')
        if (collapsed === match[0]) continue
        context.reportFlat(block, from, to, `Repeated punctuation \`${match[0]}\``, replaceFlat(block, from, to, collapsed))
      }
      for (const match of matches(PAUSE_RUN, text)) {
        if (/^。{3,}$/.test(match[0])) continue // an ellipsis written as `。。。`; see the ellipsis rule
        context.reportFlat(block, match.index, match.index + match[0].length, `Redundant punctuation \`${match[0]}\``)
      }
    }
  },
})
