/**
 * no-redundant-space — one space is enough: `这段  Text   有` → `这段 Text 有` (house style
 * A12). A space between two Han characters only warns: names, verse and lists use it.
 * Hard-break spaces, indentation and table padding are not prose text, so never seen here.
 * A space next to inline markup between Han (`使用 _强调_`, `请看 [文档](u) 一节`) is not
 * reported: around a link both styles are accepted, and next to `_` it is what makes the
 * emphasis render at all.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'

const SPACE_RUN = /[ \t]{2,}/g
const HAN_SPACE_HAN = /(?<=\p{Script=Han})[ \t]+(?=\p{Script=Han})/gu

export default defineRule({
  id: 'no-redundant-space',
  description: 'No runs of spaces; no space between Han characters.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '这段 Text 有一个空格。\n行尾的硬换行  \n不算。' },
    { input: '| 列 | 值 |\n| --- | --- |\n| 名字    | 内容 |' },
    { input: '这段  Text   有', messages: ['1:3-1:5: Use a single space', '1:9-1:12: Use a single space'], output: '这段 Text 有' },
    { input: '请看 [文档](https://example.com) 一节，使用 _第三个参数_ 吧。' },
    { input: '已 经', messages: ['1:2-1:3: Unexpected space between Han characters'] },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(SPACE_RUN, text)) {
        const to = match.index + match[0].length
        if (match.index === 0 || to === text.length) continue
        context.reportFlat(block, match.index, to, 'Use a single space', replaceFlat(block, match.index, to, ' '))
      }
      for (const match of matches(HAN_SPACE_HAN, text)) {
        if (match[0].length > 1) continue // the run is reported above
        const [before, at, after] = [match.index - 1, match.index, match.index + 1]
        // Only a space in plain text, touching both characters in the source.
        if (block.ends[before] !== block.starts[at] || block.ends[at] !== block.starts[after]) continue
        context.reportFlat(block, match.index, match.index + match[0].length, 'Unexpected space between Han characters', undefined, true)
      }
    }
  },
})
