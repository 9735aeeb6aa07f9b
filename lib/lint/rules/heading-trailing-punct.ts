/**
 * heading-trailing-punct — headings don't end in `，。：；~` (nor their half-width forms);
 * they may end in `？！……` (house style A12).
 */
import { defineRule, replaceFlat } from '../rule.ts'

// Half-width marks only after Han: `## 用法 e.g.` ends in an abbreviation, not a stop.
const TRAILING = /[，。：；~～]$|(?<=\p{Script=Han})[,.:;]$/u

export default defineRule({
  id: 'heading-trailing-punct',
  description: 'Headings do not end with pause or stop punctuation.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '## 为什么？\n\n## 就这样吧……\n\n## 升级到 Node.js\n\n## 缩写 e.g.' },
    { input: '## 安装步骤：', messages: ['1:8-1:9: Heading ends with `：`'], output: '## 安装步骤' },
    { input: '## 安装步骤:', messages: ['1:8-1:9: Heading ends with `:`'], output: '## 安装步骤' },
    { input: '结论。\n===', messages: ['1:3-1:4: Heading ends with `。`'], output: '结论\n===' },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      if (block.node.type !== 'heading') continue
      const text = block.text.trimEnd()
      const match = TRAILING.exec(text)
      if (!match) continue
      const at = text.length - 1
      context.reportFlat(block, at, at + 1, `Heading ends with \`${match[0]}\``, replaceFlat(block, at, at + 1, ''))
    }
  },
})
