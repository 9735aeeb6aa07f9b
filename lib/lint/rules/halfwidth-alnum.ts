/**
 * halfwidth-alnum — full-width letters and digits become ASCII: `１０００` → `1000`,
 * `１６：３２` → `16:32` (house style A10). Spacing around the result is the spacing rules' job.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'

const FULLWIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]+(?:[：．][０-９]+)*/g
const toHalfwidth = (text: string) => text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))

export default defineRule({
  id: 'halfwidth-alnum',
  description: 'Full-width letters and digits become half-width.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '共 1000 元，16:32 到，全角标点：不受影响。' },
    { input: '共１０００元', messages: ['1:2-1:6: Use half-width `1000` instead of `１０００`'], output: '共1000元' },
    { input: '时间１６：３２', messages: ['1:3-1:8: Use half-width `16:32` instead of `１６：３２`'], output: '时间16:32' },
    { input: 'ＡＰＩ接口', messages: ['1:1-1:4: Use half-width `API` instead of `ＡＰＩ`'], output: 'API接口' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const match of matches(FULLWIDTH_ALNUM, block.text)) {
        const to = match.index + match[0].length
        const ascii = toHalfwidth(match[0])
        context.reportFlat(block, match.index, to, `Use half-width \`${ascii}\` instead of \`${match[0]}\``, replaceFlat(block, match.index, to, ascii))
      }
    }
  },
})
