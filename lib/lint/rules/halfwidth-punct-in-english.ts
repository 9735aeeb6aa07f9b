/**
 * halfwidth-punct-in-english — an English sentence keeps ASCII punctuation even inside a
 * Chinese paragraph: `「Stay hungry，stay foolish。」` should read `「Stay hungry, stay foolish.」`.
 * Only a stretch that is English on both sides counts: it has no Han, it opens the block or
 * follows an opening quote or bracket, and a comma-like mark has words on both sides. So a
 * Chinese sentence with English names in it (`单击 **Add New Site**。`, a list of names, a gloss
 * `（英语：Application Programming Interface，API）`) is never a finding. Heuristic, so it warns.
 */
import { defineRule, matches } from '../rule.ts'

// A stretch between Han characters and Chinese quotes or brackets.
const STRETCH = /[^\p{Script=Han}「『“‘（《【」』”’）》】]+/gu
const OPENERS = '「『“‘（《【'
const CLOSERS = '」』”’）》】'
const WORDS = /^[\s*_~]*[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)+[\s*_~]*$/
const MARK_AFTER_WORD = /(?<=[A-Za-z][*_~]*)[，。；：？！]/g
const MESSAGE = 'Use half-width punctuation inside an English sentence'

export default defineRule({
  id: 'halfwidth-punct-in-english',
  description: 'English sentences keep half-width punctuation.',
  fixable: false,
  severity: 'warn',
  defaults: {},
  examples: [
    { input: '乔布斯说过「Stay hungry, stay foolish.」这句话。' },
    { input: '我用 React，你用 Vue。我用 GitHub，Markdown 也行。' },
    { input: '专有名词比如 GitHub、JavaScript、iOS，不写成小写。' },
    { input: '支持 Windows，macOS，Linux 和 FreeBSD，都能用。' },
    { input: '应用程序编程接口（英语：Application Programming Interface，简称：API）是一种约定。' },
    { input: '- [Hacker News](https://news.ycombinator.com)：技术新闻聚合。' },
    { input: '读了 *Hackers & Painters: Big Ideas from the Computer Age*，非常地有趣。' },
    { input: '策略是 short stock 加 long Call，风险有限。' },
    { input: '登录后单击 **Add New Site**。' },
    {
      input: '他说「Stay hungry，stay foolish。」',
      messages: [`1:15-1:16: ${MESSAGE}`, `1:28-1:29: ${MESSAGE}`],
    },
    { input: 'We tried it，and it worked。', messages: [`1:12-1:13: ${MESSAGE}`, `1:26-1:27: ${MESSAGE}`] },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const stretch of matches(STRETCH, text)) {
        const from = stretch.index
        const to = from + stretch[0].length
        // English on both sides: the stretch starts the block or follows an opener, and ends the block or meets a closer.
        if (!(from === 0 || OPENERS.includes(text[from - 1])) || !(to === text.length || CLOSERS.includes(text[to]))) continue
        const marks = [...matches(/[，。；：？！]/g, stretch[0])].map((mark) => mark.index)
        for (const mark of matches(MARK_AFTER_WORD, stretch[0])) {
          const k = marks.indexOf(mark.index)
          const before = stretch[0].slice(k > 0 ? marks[k - 1] + 1 : 0, mark.index)
          const after = stretch[0].slice(mark.index + 1, marks[k + 1] ?? stretch[0].length)
          const sentenceEnd = '。？！'.includes(mark[0]) && after.trim() === ''
          if (WORDS.test(before) && (sentenceEnd || WORDS.test(after))) context.reportFlat(block, from + mark.index, from + mark.index + 1, MESSAGE)
        }
      }
    }
  },
})
