/**
 * quote-style — straight quotes around Chinese become curly: `说"加油"了` → `说“加油”了`
 * (house style A6). `“”` and `「」` are both fine, but one document uses one of them; mixing
 * is reported, never fixed. Option `style`: `"any"` (default), `"“”"` or `"「」"`.
 * Single quotes pair left to right, skipping apostrophes, so `'('和')'` (two quoted characters
 * being described) is two pairs around `(` and `)`, not one around `和`.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'

interface QuoteOptions {
  style: 'any' | '“”' | '「」'
}

const HAN = /\p{Script=Han}/u
const CURLY = /[“”]/g
const CORNER = /[「」]/g

const WORD_CHAR = /[A-Za-z0-9]/

/** Straight single quotes paired in order; an apostrophe (`don't`, `90's`) is no quote. */
function singlePairs(text: string): Array<[number, number]> {
  const pairs: Array<[number, number]> = []
  let open = -1
  for (let i = text.indexOf("'"); i >= 0; i = text.indexOf("'", i + 1)) {
    if (WORD_CHAR.test(text[i - 1] ?? '') && WORD_CHAR.test(text[i + 1] ?? '')) continue
    if (open < 0) open = i
    else {
      if (!text.slice(open, i).includes('\n')) pairs.push([open, i])
      open = -1
    }
  }
  return pairs
}

export default defineRule<QuoteOptions>({
  id: 'quote-style',
  description: 'Curly or corner quotes around Chinese, one style per document.',
  fixable: true,
  severity: 'error',
  defaults: { style: 'any' },
  examples: [
    { input: '他说“加油”，又说‘好’。' },
    { input: '他说「加油」，又说『好』。' },
    { input: 'He said "go" and don\'t stop.' },
    { input: "括号写作'('和')'，方括号写作'['和']'。" },
    { input: "用 it's 和 '(' 表示，别动。" },
    {
      input: '他说"加油"了',
      messages: ['1:3-1:7: Use curly quotes `“”` around Chinese text'],
      output: '他说“加油”了',
    },
    { input: "叫'小明'的人", messages: ['1:2-1:6: Use curly quotes `‘’` around Chinese text'], output: '叫‘小明’的人' },
    {
      input: '他说"加油"了',
      config: { style: '「」' },
      messages: ['1:3-1:7: Use corner quotes `「」` around Chinese text'],
      output: '他说「加油」了',
    },
    {
      input: '他说“加油”。\n\n她说「好」，又说「走」。',
      messages: ['1:3-1:4: Mixed quote styles: this document uses both “” and 「」', '1:6-1:7: Mixed quote styles: this document uses both “” and 「」'],
    },
    {
      input: '她说「好」，又说"走"。',
      messages: ['1:9-1:12: Use corner quotes `「」` around Chinese text'],
      output: '她说「好」，又说「走」。',
    },
  ],
  check(context) {
    const { blocks } = context.index
    const count = (pattern: RegExp) => blocks.reduce((sum, block) => sum + (block.text.match(pattern)?.length ?? 0), 0)
    // Straight quotes follow the style the document already uses when none is configured.
    const style = context.options.style !== 'any' ? context.options.style : count(CORNER) > count(CURLY) ? '「」' : '“”'
    const [open, close, openSingle, closeSingle] = style === '「」' ? ['「', '」', '『', '』'] : ['“', '”', '‘', '’']
    const kind = style === '「」' ? 'corner' : 'curly'
    const curly: Array<[number, number, (typeof blocks)[number]]> = []
    const corner: typeof curly = []
    for (const block of blocks) {
      const { text } = block
      const straight: number[] = []
      for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) straight.push(i)
      // An odd count leaves the pairing unclear, so nothing is converted.
      if (straight.length % 2 === 0) {
        for (let k = 0; k < straight.length; k += 2) {
          const [from, to] = [straight[k], straight[k + 1]]
          if (!HAN.test(text.slice(from + 1, to))) continue
          const edits = [...replaceFlat(block, from, from + 1, open), ...replaceFlat(block, to, to + 1, close)]
          context.reportFlat(block, from, to + 1, `Use ${kind} quotes \`${open}${close}\` around Chinese text`, edits)
        }
      }
      for (const [from, to] of singlePairs(text)) {
        if (!HAN.test(text.slice(from + 1, to))) continue
        const edits = [...replaceFlat(block, from, from + 1, openSingle), ...replaceFlat(block, to, to + 1, closeSingle)]
        context.reportFlat(block, from, to + 1, `Use ${kind} quotes \`${openSingle}${closeSingle}\` around Chinese text`, edits)
      }
      for (const match of matches(CURLY, text)) curly.push([match.index, match.index + 1, block])
      for (const match of matches(CORNER, text)) corner.push([match.index, match.index + 1, block])
    }
    const configured = context.options.style !== 'any'
    const unwanted = !configured && !(curly.length && corner.length) ? [] : style === '「」' ? curly : corner
    const message = configured
      ? `Use ${kind} quotes \`${open}${close}\` in this document`
      : 'Mixed quote styles: this document uses both “” and 「」'
    for (const [from, to, block] of unwanted) context.reportFlat(block, from, to, message)
  },
})
