/**
 * dash — a Chinese dash is `——` (two U+2014), without spaces. `--`, a lone `—`, `———` or `－－`
 * between Han are fixed; hyphens (`氧化-还原`, `图 1-1`) and `--flags` stay (house style A7).
 * An attribution dash opening a line before Chinese (`-- 《书名》`) becomes `——《书名》`, whole.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'
import { isChineseContext } from '../chars.ts'

const DASH_LIKE = / *(?:--|—+|－－) */g
const MESSAGE = 'Use `——` for a dash in Chinese text'

export default defineRule({
  id: 'dash',
  description: 'Chinese dash is two U+2014 without spaces.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '这个经验——虽然来得晚——很有用。' },
    { input: '氧化-还原反应见图 1-1，运行 `ls --all` 或 --help。' },
    { input: 'An em dash — in English — stays.' },
    { input: '经验--虽然', messages: [`1:3-1:5: ${MESSAGE}`], output: '经验——虽然' },
    { input: '方案—也就是', messages: [`1:3-1:4: ${MESSAGE}`], output: '方案——也就是' },
    { input: '方案 -- 也就是', messages: [`1:3-1:7: ${MESSAGE}`], output: '方案——也就是' },
    { input: '经验 —— 虽然', messages: [`1:3-1:7: ${MESSAGE}`], output: '经验——虽然' },
    { input: '方案－－也就是', messages: [`1:3-1:5: ${MESSAGE}`], output: '方案——也就是' },
    {
      input: '> 读书使人充实。\n>\n> -- [《随笔》](https://example.com/essays)',
      messages: [`3:3-3:6: ${MESSAGE}`],
      output: '> 读书使人充实。\n>\n> ——[《随笔》](https://example.com/essays)',
    },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(DASH_LIKE, text)) {
        if (match[0] === '——') continue
        const from = match.index
        const to = from + match[0].length
        const opensLine = from === 0 || text[from - 1] === '\n'
        if (!(isChineseContext(text[from - 1]) || opensLine) || !isChineseContext(text[to])) continue
        context.reportFlat(block, from, to, MESSAGE, replaceFlat(block, from, to, '——'))
      }
    }
  },
})
