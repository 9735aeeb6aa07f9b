/**
 * halfwidth-punct-in-english — an English sentence keeps ASCII punctuation even inside a
 * Chinese paragraph: `「Stay hungry，stay foolish。」` should read `「Stay hungry, stay foolish.」`.
 * Telling a quoted English sentence from a Chinese clause is a heuristic, so this only warns.
 */
import { defineRule, matches } from '../rule.ts'

// A stretch without Han where words are spaced like a sentence (two gaps at least) is English;
// `我用 React，你用 Vue` and a name list `GitHub、JavaScript、iOS，` are Chinese punctuation.
const STRETCH_WITHOUT_HAN = /[^\p{Script=Han}]+/gu
const WORD_GAP = /[A-Za-z'’] +(?=[A-Za-z])/g
const MARK_AFTER_WORD = /(?<=[A-Za-z])[，。；：？！]/g
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
    {
      input: '他说「Stay hungry，stay foolish。」',
      messages: [`1:15-1:16: ${MESSAGE}`, `1:28-1:29: ${MESSAGE}`],
    },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const stretch of matches(STRETCH_WITHOUT_HAN, block.text)) {
        if ((stretch[0].match(WORD_GAP)?.length ?? 0) < 2) continue
        for (const mark of matches(MARK_AFTER_WORD, stretch[0])) {
          const at = stretch.index + mark.index
          context.reportFlat(block, at, at + 1, MESSAGE)
        }
      }
    }
  },
})
