/**
 * space-cjk-latin — one half-width space between Han and Latin letters, in both directions,
 * also across emphasis and links; the space goes outside the delimiters (house style A1).
 * Names their owners write unspaced (`豆瓣FM`) are declared in the proper-noun dictionary
 * (`properNouns` in the config), which this rule and space-cjk-digit respect.
 */
import { defineRule, matches, spaceBefore } from '../rule.ts'
import type { ProseBlock } from '../prose.ts'
import type { RuleContext } from '../rule.ts'

const HAN_THEN_LATIN = /\p{Script=Han}(?=[A-Za-z\u00C0-\u024F])/gu
// `C++开发` and `C#语言`: the symbols belong to the Latin word.
const LATIN_THEN_HAN = /[A-Za-z\u00C0-\u024F][+#]*(?=\p{Script=Han})/gu

export interface SpacingOptions {
  /** Words kept as written (the proper-noun dictionary): no space is put inside them. */
  keep: string[] | Record<string, string[]>
}

/** Flat ranges [from, to) of the block covered by a kept word. */
function keptRanges(text: string, keep: SpacingOptions['keep']): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const word of Array.isArray(keep) ? keep : Object.keys(keep)) {
    if (!word) continue
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) ranges.push([at, at + word.length])
  }
  return ranges
}

export function insertSpaces(context: RuleContext<SpacingOptions>, block: ProseBlock, pattern: RegExp, message: string) {
  const kept = keptRanges(block.text, context.options.keep)
  for (const match of matches(pattern, block.text)) {
    const boundary = match.index + match[0].length
    if (kept.some(([from, to]) => from < boundary && boundary < to)) continue
    context.reportFlat(block, boundary - 1, boundary + 1, message, spaceBefore(block, boundary))
  }
}

export default defineRule<SpacingOptions>({
  id: 'space-cjk-latin',
  description: 'One space between Han and Latin letters, outside inline markup.',
  fixable: true,
  severity: 'error',
  defaults: { keep: [] },
  examples: [
    { input: '使用 React 构建网站。' },
    { input: '打开豆瓣FM 听歌。', config: { keep: ['豆瓣FM'] } },
    { input: '用 C++ 写，用 C# 写。' },
    {
      input: '使用React构建',
      messages: ['1:2-1:4: Missing space between Han and Latin', '1:7-1:9: Missing space between Han and Latin'],
      output: '使用 React 构建',
    },
    {
      input: '这是**Bold加粗**效果',
      messages: ['1:2-1:6: Missing space between Han and Latin', '1:8-1:10: Missing space between Han and Latin'],
      output: '这是 **Bold 加粗**效果',
    },
    {
      input: '访问[GitHub](https://github.com)获取',
      messages: ['1:2-1:5: Missing space between Han and Latin', '1:9-1:32: Missing space between Han and Latin'],
      output: '访问 [GitHub](https://github.com) 获取',
    },
    { input: '用C++开发', messages: ['1:1-1:3: Missing space between Han and Latin', '1:4-1:6: Missing space between Han and Latin'], output: '用 C++ 开发' },
    { input: '文字\nEnglish 在下一行' },
    { input: '邮件写给 someone@example.com 吧，或者看 github.com 和 .github/ 目录。' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      insertSpaces(context, block, HAN_THEN_LATIN, 'Missing space between Han and Latin')
      insertSpaces(context, block, LATIN_THEN_HAN, 'Missing space between Han and Latin')
    }
  },
})
