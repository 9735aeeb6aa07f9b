/**
 * fullwidth-parens — parentheses around or next to Chinese text are full-width:
 * `成像(NMRI)是` → `成像（NMRI）是` (house style A5). A pair converts when it holds Han, or when
 * Han or full-width punctuation sits on both sides of it; `fn(x)` and `1)` stay, and so do a
 * parenthesis quoted as a character (`'('和')'`), tuples and values (`(640, 480)`,
 * `(R:200,G:200,B:200)`), and maths (masked before parsing, like code).
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'
import { isChineseContext, isHan } from '../chars.ts'

const MESSAGE = 'Use full-width parentheses `（）` in Chinese text'
const HAN = /\p{Script=Han}/u
const PARENS = /[()]/g
const QUOTE = /['"‘’“”「」『』`]/
// Numbers and code-like values: `640, 480`, `R:200,G:200,B:200`, `x=1`.
const isValues = (inner: string) => /^[\w.+#%:,=\s-]*$/.test(inner) && /\d/.test(inner) && /[,:=]/.test(inner)
const quotedAlone = (text: string, i: number) => QUOTE.test(text[i - 1] ?? '') && QUOTE.test(text[i + 1] ?? '')

const nonSpace = (text: string, i: number, step: 1 | -1): string | undefined => {
  while (text[i] === ' ') i += step
  return text[i]
}

export default defineRule({
  id: 'fullwidth-parens',
  description: 'Parentheses in Chinese context are full-width.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '核磁共振成像（NMRI）是一种技术。' },
    { input: '调用 fn(x) 即可，列表项 1) 这样写。' },
    { input: 'Call fn(a, b) (twice).' },
    { input: "括号写作'('和')'，方括号写作'['和']'。" },
    { input: '分辨率为 (640, 480) 的窗口，颜色取 (R:200,G:200,B:200) 即可。' },
    { input: '公式 $f(x) = (a,b)$ 里的括号，以及\n\n$$\ng(中) = (1)\n$$' },
    {
      input: '核磁共振成像(NMRI)是一种技术',
      messages: [`1:7-1:13: ${MESSAGE}`],
      output: '核磁共振成像（NMRI）是一种技术',
    },
    { input: '这是 (一个例子) 吧', messages: [`1:4-1:10: ${MESSAGE}`], output: '这是 （一个例子） 吧' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      const open: number[] = []
      for (const paren of matches(PARENS, text)) {
        const i = paren.index
        if (quotedAlone(text, i)) continue
        if (text[i] === '(') open.push(i)
        else if (text[i] === ')' && open.length) {
          const from = open.pop()!
          const inner = text.slice(from + 1, i)
          const chinese =
            HAN.test(inner) ||
            (isChineseContext(nonSpace(text, from - 1, -1)) && isChineseContext(nonSpace(text, i + 1, 1)))
          // `fn(x)`: a Latin word glued to the parenthesis is a call, not an aside.
          const glued = /[A-Za-z0-9_]/.test(text[from - 1] ?? '') && !isHan(inner[0])
          if (!chinese || glued || inner.includes('\n') || isValues(inner)) continue
          const edits = [...replaceFlat(block, from, from + 1, '（'), ...replaceFlat(block, i, i + 1, '）')]
          context.reportFlat(block, from, i + 1, MESSAGE, edits)
        }
      }
    }
  },
})
