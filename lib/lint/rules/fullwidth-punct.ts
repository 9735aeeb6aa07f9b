/**
 * fullwidth-punct — `, . ; : ? !` touching Han become `，。；：？！` (house style A4). Between
 * Latin letters or digits they stay (`3.14`, `10:30`, `Node.js`), and a `.` converts only
 * after Han and not before a word (`e.g.`, `在.github/ 下`). Runs of `.`, `!`, `?` belong
 * to the ellipsis and no-repeated-punct rules.
 */
import { defineRule, matches, replaceFlat } from '../rule.ts'
import { isHan } from '../chars.ts'

const FULLWIDTH: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！' }
const CANDIDATE = /[,.;:?!]/g
const RUN_NEIGHBOUR = /[.!?！？。]/
const MESSAGE = (from: string, to: string) => `Use full-width \`${to}\` instead of \`${from}\` in Chinese text`

export default defineRule({
  id: 'fullwidth-punct',
  description: 'Half-width punctuation touching Han becomes full-width.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '圆周率是 3.14，会议 10:30 开始，服务在 127.0.0.1:8080 上。' },
    { input: '升级到 v2.0.0-beta.1 后，Node.js 与 C++ 都能用，e.g. 这样。' },
    { input: '放在 .github/ 目录，访问 github.com 即可。' },
    { input: '「Stay hungry, stay foolish.」他说。' },
    { input: 'Please wait... 然后再试。写信到 someone@example.com 吧。' },
    {
      input: '下雨了,明天会放晴.',
      messages: ['1:4-1:5: ' + MESSAGE(',', '，'), '1:10-1:11: ' + MESSAGE('.', '。')],
      output: '下雨了，明天会放晴。',
    },
    { input: '时间:10:30', messages: ['1:3-1:4: ' + MESSAGE(':', '：')], output: '时间：10:30' },
    { input: '你好吗?我很好!', messages: ['1:4-1:5: ' + MESSAGE('?', '？'), '1:8-1:9: ' + MESSAGE('!', '！')], output: '你好吗？我很好！' },
    { input: '用 Google,腾讯;还有', messages: ['1:9-1:10: ' + MESSAGE(',', '，'), '1:12-1:13: ' + MESSAGE(';', '；')], output: '用 Google，腾讯；还有' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      const { text } = block
      for (const match of matches(CANDIDATE, text)) {
        const i = match.index
        const mark = match[0]
        const before = text[i - 1]
        const after = text[i + 1]
        if (mark === '.' || mark === '!' || mark === '?') {
          if (RUN_NEIGHBOUR.test(before ?? '') || RUN_NEIGHBOUR.test(after ?? '')) continue
        }
        const touchesHan = mark === '.' ? isHan(before) && !/[A-Za-z0-9_/\\-]/.test(after ?? '') : isHan(before) || isHan(after)
        if (!touchesHan) continue
        const replacement = FULLWIDTH[mark]
        context.reportFlat(block, i, i + 1, MESSAGE(mark, replacement), replaceFlat(block, i, i + 1, replacement))
      }
    }
  },
})
