/**
 * mismatched-pairs — full-width brackets and quotes open and close in order: `说：”不同意“`
 * and an unclosed `《` are reported. Which mark was meant is unknowable, so nothing is fixed.
 * Not mismatches: list numbers `1）`, an emoticon `：）`, a lone `（` ending a sentence, and a
 * quotation over several paragraphs, where each paragraph opens with `「` and only the last closes.
 */
import { defineRule, matches } from '../rule.ts'

const CLOSER: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '（': '）', '【': '】', '〈': '〉' }
const OPENER = Object.fromEntries(Object.entries(CLOSER).map(([open, close]) => [close, open]))
const LETTER = /[A-Za-z]/
const MARKS = new RegExp(`[${Object.keys(CLOSER).join('')}${Object.values(CLOSER).join('')}]`, 'g')
// `1）`, `a）`, `二）` opening a line or after a space: list numbering; `：）` `;）`: an emoticon.
const LIST_NUMBER = /(?:^|[\s：；，。、])[0-9A-Za-z一二三四五六七八九十]{1,3}$/
const EMOTICON = /[：:;；]$/

/** `1）` or `：）` at flat offset i: five characters before it are enough to tell (a regex over the whole prefix is quadratic). */
const isNumberOrSmiley = (text: string, i: number) => {
  const before = text.slice(Math.max(0, i - 5), i)
  return LIST_NUMBER.test(before) || EMOTICON.test(before)
}

export default defineRule({
  id: 'mismatched-pairs',
  description: 'Full-width brackets and quotes are balanced.',
  fixable: false,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '他说：“《三体》（刘慈欣）很好看。”' },
    { input: '英文里 don’t 的撇号不算引号。' },
    { input: '步骤如下：1）安装；2）运行。\n\n做完了：）' },
    { input: '「第一段引文，\n\n「第二段引文，\n\n「最后一段。」' },
    { input: '他欲言又止（' },
    { input: '说：”不同意“', messages: ['1:3-1:4: Unexpected closing `”`', '1:7-1:8: Unclosed `“`'] },
    { input: '读《三体', messages: ['1:2-1:3: Unclosed `《`'] },
    { input: '（「对）」', messages: ['1:4-1:5: Unexpected closing `）`, expected `」`', '1:5-1:6: Unexpected closing `」`'] },
  ],
  check(context) {
    const { blocks } = context.index
    blocks.forEach((block, b) => {
      const { text } = block
      const open: number[] = []
      // Only the marks are visited: indexing every character of a two-byte string allocates.
      for (const mark of matches(MARKS, text)) {
        const i = mark.index
        const ch = mark[0]
        if (ch === '’' && LETTER.test(text[i - 1] ?? '') && LETTER.test(text[i + 1] ?? '')) continue
        if (CLOSER[ch]) open.push(i)
        else if (OPENER[ch]) {
          const opener = open.findLastIndex((at) => CLOSER[text[at]] === ch)
          if (opener >= 0 && opener === open.length - 1) open.pop()
          else if (opener >= 0) {
            const innermost = text[open[open.length - 1]]
            context.reportFlat(block, i, i + 1, `Unexpected closing \`${ch}\`, expected \`${CLOSER[innermost]}\``)
            open.length = opener
          } else if (!(ch === '）' && isNumberOrSmiley(text, i))) {
            context.reportFlat(block, i, i + 1, `Unexpected closing \`${ch}\``)
          }
        }
      }
      for (const at of open) {
        // The Chinese convention for a quotation over several paragraphs.
        if (at === 0 && blocks[b + 1]?.text[0] === text[0] && '「『“‘'.includes(text[0])) continue
        if (text[at] === '（' && /^[\s。！？]*$/.test(text.slice(at + 1))) continue
        context.reportFlat(block, at, at + 1, `Unclosed \`${text[at]}\``)
      }
    })
  },
})
