/**
 * Re-parsing after a round of fixes, for only the top-level blocks the fixes touched. A full
 * parse is four fifths of a lint pass (measured on the real-prose corpus), so parsing the
 * whole document again after every round made `--fix` cost three lint passes; the fixes are
 * small and local, so the untouched blocks are kept, their positions shifted.
 *
 * A top-level block parses the same alone as in its document, from the start of its first
 * line, once template tags and maths are masked over the whole text, and given the
 * document's definitions (`[ref]: url`, `[^1]:`), which references anywhere resolve against.
 * Definitions that are not top-level blocks make the document parse whole.
 */
import type { Root, RootContent, Nodes } from 'mdast'
import type { Point } from 'unist'
import type { Edit } from './rule.ts'
import { parseMarkdown, bareParse } from './parse.ts'
import { maskTemplateTags } from './template-mask.ts'

const DEFINITION = /^[ \t>]*\[[^\]\n]+\]:/gm

/** The document's definitions as text to parse after a block, or null when some are nested. */
function definitionsOf(tree: Root, masked: string, text: string): { text: string; count: number } | null {
  const found = text.match(DEFINITION)?.length ?? 0
  if (!found) return { text: '', count: 0 }
  const definitions = tree.children.filter((node) => node.type === 'definition' || node.type === 'footnoteDefinition')
  if (definitions.length !== found) return null
  const lines = definitions.map((node) =>
    node.type === 'definition' ? masked.slice(start(node), end(node)) : `[^${node.label ?? node.identifier}]: .`,
  )
  return { text: '\n\n' + lines.join('\n\n'), count: definitions.length }
}

const start = (node: Nodes) => node.position!.start.offset!
const end = (node: Nodes) => node.position!.end.offset!
const newlines = (text: string) => {
  let count = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++
  return count
}

/** Moves every position in a subtree by `offset` units and `lines` lines (columns stay: blocks start lines). */
function shift(node: Nodes, offset: number, lines: number): void {
  const move = (point: Point) => {
    point.offset! += offset
    point.line += lines
  }
  if (node.position) {
    move(node.position.start)
    move(node.position.end)
  }
  if ('children' in node) for (const child of node.children) shift(child as Nodes, offset, lines)
}

/** A copy of a subtree with its positions moved; the previous tree stays as it was (the fixer still reads it). */
function shifted<T extends Nodes>(node: T, offset: number, lines: number): T {
  if (!offset && !lines) return node
  const copy = { ...node }
  if (node.position) {
    const { start: from, end: to } = node.position
    copy.position = {
      start: { line: from.line + lines, column: from.column, offset: from.offset! + offset },
      end: { line: to.line + lines, column: to.column, offset: to.offset! + offset },
    }
  }
  if ('children' in node) (copy as { children: Nodes[] }).children = (node.children as Nodes[]).map((child) => shifted(child, offset, lines))
  return copy
}

/**
 * The tree of `next` (= `previous` with `edits` applied), reusing `tree`, the tree of
 * `previous`. Falls back to a full parse whenever reuse is not certainly the same.
 */
export function reparse(previous: string, tree: Root, edits: Edit[], next: string): Root {
  if (!edits.length) return tree
  if (!tree.children.length) return parseMarkdown(next)
  const definitions = definitionsOf(tree, maskTemplateTags(previous), previous)
  if (!definitions) return parseMarkdown(next)
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  const masked = maskTemplateTags(next)
  const children: RootContent[] = []
  let e = 0
  let delta = 0
  let lineDelta = 0
  for (const child of tree.children) {
    const [from, to] = [start(child), end(child)]
    // Edits before this block move it; edits inside it (or at its ends) make it re-parsed.
    while (e < sorted.length && sorted[e].end < from) {
      delta += sorted[e].text.length - (sorted[e].end - sorted[e].start)
      lineDelta += newlines(sorted[e].text) - newlines(previous.slice(sorted[e].start, sorted[e].end))
      e++
    }
    const inside: Edit[] = []
    while (e < sorted.length && sorted[e].start <= to) inside.push(sorted[e++])
    if (!inside.length) {
      children.push(shifted(child, delta, lineDelta))
      continue
    }
    const lineStart = previous.lastIndexOf('\n', from - 1) + 1
    if (inside.some((edit) => edit.start < from || edit.end > to)) return parseMarkdown(next)
    const grown = inside.reduce((sum, edit) => sum + edit.text.length - (edit.end - edit.start), 0)
    const sliceStart = lineStart + delta
    const slice = masked.slice(sliceStart, to + delta + grown)
    const parsed = bareParse(slice + definitions.text).children
    if (parsed.length !== 1 + definitions.count || parsed[0].type !== child.type) return parseMarkdown(next)
    shift(parsed[0], sliceStart, child.position!.start.line - 1 + lineDelta)
    children.push(parsed[0])
    delta += grown
    lineDelta += inside.reduce((sum, edit) => sum + newlines(edit.text) - newlines(previous.slice(edit.start, edit.end)), 0)
  }
  if (e < sorted.length) return parseMarkdown(next)
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(next) } }
}

function endPoint(text: string): Point {
  const lastBreak = text.lastIndexOf('\n')
  return { line: newlines(text) + 1, column: text.length - lastBreak, offset: text.length }
}
