/**
 * Inline control comments as remark-lint users know them:
 * `<!-- lint disable [ids] -->` … `<!-- lint enable [ids] -->`, and
 * `<!-- lint ignore [ids] -->` for the next block only. No ids means every rule.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { RULE_SOURCE } from './rule.ts'
import { proseIndex } from './prose.ts'

const COMMENT = /^<!--\s*lint\s+(disable|enable|ignore)\b([^]*?)-->$/

interface Toggle {
  offset: number
  kind: 'disable' | 'enable'
  ids: string[]
}

export function lintControl() {
  return (tree: Root, file: VFile) => {
    const toggles: Toggle[] = []
    const ignores: Array<{ start: number; end: number; ids: string[] }> = []
    for (const { node, parent } of proseIndex(tree, file).htmls) {
      const match = COMMENT.exec(node.value.trim())
      if (!match) continue
      const ids = match[2].trim().split(/\s+/).filter(Boolean)
      const offset = node.position!.start.offset!
      if (match[1] !== 'ignore') {
        toggles.push({ offset, kind: match[1] as Toggle['kind'], ids })
        continue
      }
      // The comment covers the node after it: the next block, or the next inline node.
      const siblings = parent.children as Array<{ position?: Root['position'] }>
      const next = siblings[siblings.indexOf(node) + 1] ?? parent
      if (next.position) ignores.push({ start: offset, end: next.position.end.offset!, ids })
    }
    if (!toggles.length && !ignores.length) return
    const applies = (ids: string[], ruleId: string) => !ids.length || ids.includes(ruleId)
    file.messages = file.messages.filter((message) => {
      if (message.source !== RULE_SOURCE || !message.ruleId) return true
      const offset = message.place && 'start' in message.place ? message.place.start.offset! : 0
      if (ignores.some((range) => offset >= range.start && offset < range.end && applies(range.ids, message.ruleId!))) return false
      let disabled = false
      for (const toggle of toggles) {
        if (toggle.offset > offset) break
        if (applies(toggle.ids, message.ruleId)) disabled = toggle.kind === 'disable'
      }
      return !disabled
    })
  }
}
