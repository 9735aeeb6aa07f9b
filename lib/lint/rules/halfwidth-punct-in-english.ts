/**
 * halfwidth-punct-in-english — an English sentence keeps ASCII punctuation even inside a
 * Chinese paragraph: `「Stay hungry，stay foolish。」` should read `「Stay hungry, stay foolish.」`.
 * Telling a quoted English sentence from a Chinese clause is a heuristic, so this only warns.
 */
import { defineRule, matches } from '../rule.ts'

// Full-width mark between two English words, or ending a run of at least three English words.
const BETWEEN_WORDS = /(?<=[A-Za-z])[，；：？！](?= ?[A-Za-z])/g
const ENDING_SENTENCE = /(?<=[A-Za-z]+(?:[ ,，;；]+[A-Za-z'’]+){2,})[。？！](?=[」』”’)）]|$)/gm
const MESSAGE = 'Use half-width punctuation inside an English sentence'

export default defineRule({
  id: 'halfwidth-punct-in-english',
  description: 'English sentences keep half-width punctuation.',
  fixable: false,
  severity: 'warn',
  defaults: {},
  examples: [
    { input: '乔布斯说过「Stay hungry, stay foolish.」这句话。' },
    { input: '我用 React，你用 Vue。' },
    {
      input: '他说「Stay hungry，stay foolish。」',
      messages: [`1:15-1:16: ${MESSAGE}`, `1:28-1:29: ${MESSAGE}`],
    },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const pattern of [BETWEEN_WORDS, ENDING_SENTENCE]) {
        for (const match of matches(pattern, block.text)) {
          context.reportFlat(block, match.index, match.index + 1, MESSAGE)
        }
      }
    }
  },
})
