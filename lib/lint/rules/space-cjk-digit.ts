/**
 * space-cjk-digit — one space between Han and digits in both directions; `%`, `+`, `°`
 * stay on the number (`提升了 10% 左右`, `100+ 篇`), and dates read `2023 年 3 月 10 日`.
 */
import { defineRule } from '../rule.ts'
import { insertSpaces, type SpacingOptions } from './space-cjk-latin.ts'

const HAN_THEN_DIGIT = /\p{Script=Han}(?=[0-9])/gu
const DIGIT_THEN_HAN = /[0-9][%+‰]*(?=\p{Script=Han})/gu
const MESSAGE = 'Missing space between Han and digits'

export default defineRule<SpacingOptions>({
  id: 'space-cjk-digit',
  description: 'One space between Han and digits.',
  fixable: true,
  severity: 'error',
  defaults: { keep: [] },
  examples: [
    { input: '我用 QQ2013 和 360安全卫士。', config: { keep: ['360安全卫士'] } },
    { input: '花了 5000 元，提升了 10% 左右，写了 100+ 篇。' },
    { input: '圆周率约 3.14，会议在 10:30，地址 127.0.0.1:8080，版本 v2.0.0-beta.1。' },
    { input: '见图 1-1，支持 5G 和 1080p。' },
    {
      input: '花了5000元',
      messages: [`1:2-1:4: ${MESSAGE}`, `1:6-1:8: ${MESSAGE}`],
      output: '花了 5000 元',
    },
    {
      input: '2023年3月10日',
      messages: [`1:4-1:6: ${MESSAGE}`, `1:5-1:7: ${MESSAGE}`, `1:6-1:8: ${MESSAGE}`, `1:7-1:9: ${MESSAGE}`, `1:9-1:11: ${MESSAGE}`],
      output: '2023 年 3 月 10 日',
    },
    { input: '提升了10%左右', messages: [`1:3-1:5: ${MESSAGE}`, `1:6-1:8: ${MESSAGE}`], output: '提升了 10% 左右' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      insertSpaces(context, block, HAN_THEN_DIGIT, MESSAGE)
      insertSpaces(context, block, DIGIT_THEN_HAN, MESSAGE)
    }
  },
})
