/**
 * no-space-in-link — no padding inside link text: `[ 官方文档 ](u)` → `[官方文档](u)`
 * (house style A12). Spacing outside the link follows the other spacing rules.
 */
import { defineRule } from '../rule.ts'

const MESSAGE = 'Unexpected padding inside link text'

export default defineRule({
  id: 'no-space-in-link',
  description: 'No padding inside link text.',
  fixable: true,
  severity: 'error',
  defaults: {},
  examples: [
    { input: '见[官方文档](https://example.com)和 <https://example.com>。' },
    {
      input: '见[ 官方文档 ](https://example.com)',
      messages: [`1:2-1:31: ${MESSAGE}`],
      output: '见[官方文档](https://example.com)',
    },
    { input: '见[ **文档**](https://example.com)', messages: [`1:2-1:32: ${MESSAGE}`], output: '见[**文档**](https://example.com)' },
  ],
  check(context) {
    const { source } = context.index
    for (const node of context.index.links) {
      if (!node.children.length) continue
      const start = node.position!.start.offset!
      const labelStart = start + 1
      const labelEnd = source.indexOf(']', node.children[node.children.length - 1].position!.end.offset!)
      const label = source.slice(labelStart, labelEnd)
      const leading = /^[ \t]+/.exec(label)?.[0].length ?? 0
      const trailing = /[ \t]+$/.exec(label)?.[0].length ?? 0
      if (!leading && !trailing) continue
      const edits = []
      if (leading) edits.push({ start: labelStart, end: labelStart + leading, text: '' })
      if (trailing) edits.push({ start: labelEnd - trailing, end: labelEnd, text: '' })
      context.report({ start, end: node.position!.end.offset!, message: MESSAGE, edits })
    }
  },
})
