/**
 * unit-spacing — a number and a unit symbol take a space (`64 GB`, `30 ms`, `3.2 GHz`);
 * `%`, `°`, `℃` take none (`15%`, `90°`). Only listed units count, so names like `5G`, `4K`,
 * `1080p`, `x86`, `3D` and `MP3` stay as they are (house style A9).
 */
import { defineRule, matches, replaceFlat, spaceBefore } from '../rule.ts'

const UNITS = 'KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|kB|Kbps|kbps|Mbps|Gbps|Hz|kHz|MHz|GHz|ms|ns|μs|mAh|kWh|kW|mm|cm|km|kg|px|pt|rem|fps|dpi|ppi|nm'
const NUMBER_THEN_UNIT = new RegExp(`(?<![A-Za-z0-9.])[0-9]+(?:\\.[0-9]+)?(?=(?:${UNITS})(?![A-Za-z0-9]))`, 'g')
const SPACE_BEFORE_SYMBOL = /(?<=[0-9]) +(?=[%°℃℉‰])/g

export default defineRule({
  id: 'unit-spacing',
  description: 'Space between a number and its unit; none before %, °, ℃.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '内存 64 GB，延迟 30 ms，主频 3.2 GHz，涨了 15%，转 90°，气温 30℃。' },
    { input: '支持 5G、4K、1080p、x86、3D 和 MP3。' },
    { input: '带宽10Gbps', messages: ['1:3-1:9: Missing space between number and unit'], output: '带宽10 Gbps' },
    { input: '涨了 15 %', messages: ['1:6-1:7: Unexpected space before `%`'], output: '涨了 15%' },
    { input: '转了 90 °', messages: ['1:6-1:7: Unexpected space before `°`'], output: '转了 90°' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(NUMBER_THEN_UNIT, text)) {
        const boundary = match.index + match[0].length
        const unitEnd = boundary + (/^[A-Za-zμ]+/.exec(text.slice(boundary, boundary + 8))?.[0].length ?? 0)
        context.reportFlat(block, match.index, unitEnd, 'Missing space between number and unit', spaceBefore(block, boundary))
      }
      for (const match of matches(SPACE_BEFORE_SYMBOL, text)) {
        const to = match.index + match[0].length
        const symbol = text[to]
        context.reportFlat(block, match.index, to, `Unexpected space before \`${symbol}\``, replaceFlat(block, match.index, to, ''))
      }
    }
  },
})
