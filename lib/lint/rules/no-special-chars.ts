/**
 * no-special-chars — invisible control characters and zero-width spaces in prose are removed.
 * U+200C/U+200D (joiners) stay: emoji sequences like 👩‍💻 need them.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'

const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200A\u200B\u2060\uFEFF]/g
const codePoint = (ch: string) => 'U+' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')

export default defineRule({
  id: 'no-special-chars',
  description: 'No invisible control characters in prose.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '程序员 👩‍💻 和 emoji 🎉 都可以。' },
    { input: '零\u200B宽', messages: ['1:2-1:3: Unexpected invisible character U+200B'], output: '零宽' },
    { input: '退\u0008格', messages: ['1:2-1:3: Unexpected invisible character U+0008'], output: '退格' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const match of matches(INVISIBLE, block.text)) {
        const i = match.index
        context.reportFlat(block, i, i + 1, `Unexpected invisible character ${codePoint(match[0])}`, replaceFlat(block, i, i + 1, ''))
      }
    }
  },
})
