/**
 * no-space-inside-inline-code — no padding inside code spans: `` ` npm i ` `` → `` `npm i` ``.
 * Only the symmetric one-space padding CommonMark strips anyway is fixed, so the code's value
 * never changes; padding that protects a backtick (`` `` ` `` ``) is fine, any other is reported.
 */
import { defineRule } from '../rule.ts'

const MESSAGE = 'Unexpected padding inside inline code'

export default defineRule({
  id: 'no-space-inside-inline-code',
  description: 'No padding inside inline code.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '运行 `npm i` 安装，反引号写作 `` ` ``。' },
    { input: '运行 ` npm i ` 安装', messages: [`1:4-1:13: ${MESSAGE}`], output: '运行 `npm i` 安装' },
    { input: '运行 `npm i ` 安装', messages: [`1:4-1:12: ${MESSAGE}`] },
  ],
  check(context) {
    const { source } = context.index
    for (const node of context.index.inlineCodes) {
      const start = node.position!.start.offset!
      const end = node.position!.end.offset!
      const fence = /^`+/.exec(source.slice(start, end))![0].length
      const inner = source.slice(start + fence, end - fence)
      if (!/^[ \n]|[ \n]$/.test(inner) || /^\s*$/.test(inner)) continue
      const trimmed = inner.trim()
      if (trimmed.startsWith('`') || trimmed.endsWith('`')) continue
      const strippedByCommonMark = /^ [^ \n]/.test(inner) && /[^ \n] $/.test(inner)
      const edits = strippedByCommonMark
        ? [{ start: start + fence, end: start + fence + 1, text: '' }, { start: end - fence - 1, end: end - fence, text: '' }]
        : undefined
      context.report({ start, end, message: MESSAGE, edits })
    }
  },
})
