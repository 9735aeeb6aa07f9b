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
import type { Root, RootContent, Nodes, Text } from 'mdast'
import type { Point } from 'unist'
import type { Edit } from './rule.ts'
import { parseMarkdown, bareParse } from './parse.ts'
import { applyEdits, sameStructure } from './fixer.ts'
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

// Characters that are, or may become, Markdown syntax next to an edit; an edit near one is re-parsed.
const SYNTAX = /[*_~`[\]<>!&\\|#$\n{}]/
const LIST_OR_HEADING_PREFIX = /^[ \t]*(?:[-+*>]|#{1,6}|\d{1,9}[.)])[ \t]*$/
const AUTOLINK_START = /^(?:www\.|[\w.+-]+@)/i

/**
 * An edit that cannot change the parse: strictly inside one plain text node (whose source is
 * its value), neither touching nor inserting Markdown syntax or line breaks, not turning a
 * line's start into a list item or heading, and not putting a space before `www.` or an email
 * address (which would become an autolink).
 */
function isInert(edit: Edit, node: Text, masked: string): boolean {
  const [from, to] = [start(node), end(node)]
  if (!(from < edit.start && edit.end < to) || masked.slice(from, to) !== node.value) return false
  const removed = masked.slice(edit.start, edit.end)
  if (SYNTAX.test(removed) || SYNTAX.test(edit.text)) return false
  if (SYNTAX.test(masked[edit.start - 1]) || SYNTAX.test(masked[edit.end])) return false
  const lineStart = masked.lastIndexOf('\n', edit.start - 1) + 1
  if (edit.start - lineStart <= 12 && LIST_OR_HEADING_PREFIX.test(masked.slice(lineStart, edit.start) + edit.text)) return false
  return !(edit.text.endsWith(' ') && AUTOLINK_START.test(masked.slice(edit.end, edit.end + 64)))
}

/** The block with inert edits applied to its text nodes and its positions moved; null if an edit is not inert. */
function patched(child: RootContent, inside: Edit[], masked: string, delta: number, lineDelta: number): RootContent | null {
  const texts: Text[] = []
  const collect = (node: Nodes) => {
    if (node.type === 'text') texts.push(node)
    else if ('children' in node) for (const inner of node.children) collect(inner as Nodes)
  }
  collect(child)
  const owners = new Map<Text, Edit[]>()
  for (const edit of inside) {
    const owner = texts.find((node) => start(node) < edit.start && edit.end < end(node))
    if (!owner || !isInert(edit, owner, masked)) return null
    owners.set(owner, [...(owners.get(owner) ?? []), edit])
  }
  const size = (edit: Edit) => edit.text.length - (edit.end - edit.start)
  const move = (point: Point): Point => {
    let offset = point.offset! + delta
    let column = point.column
    for (const edit of inside) {
      if (edit.end > point.offset!) continue
      offset += size(edit)
      if (!masked.slice(edit.end, point.offset!).includes('\n')) column += size(edit)
    }
    return { line: point.line + lineDelta, column, offset }
  }
  const copy = <T extends Nodes>(node: T): T => {
    const result = { ...node }
    if (node.position) result.position = { start: move(node.position.start), end: move(node.position.end) }
    const edits = node.type === 'text' ? owners.get(node) : undefined
    if (edits && result.type === 'text') {
      const local = edits.map((edit) => ({ ...edit, start: edit.start - start(node), end: edit.end - start(node) }))
      result.value = applyEdits(result.value, local)
    }
    if ('children' in node) (result as { children: Nodes[] }).children = (node.children as Nodes[]).map(copy)
    return result
  }
  return copy(child)
}

/** Between two re-parsed blocks in one batch: a blank line and an HTML block end any list or quote. */
const SEPARATOR = '\n\n<!---->\n\n'

interface Piece {
  slot: number
  type: RootContent['type']
  /** Where the piece starts in `next`, and on which line (it starts a line). */
  offset: number
  line: number
  text: string
}

/**
 * The tree of `next` (= `previous` with `edits` applied), reusing `tree`, the tree of
 * `previous`. The touched blocks are parsed together in one batch (a parse has a fixed cost
 * too). Falls back to a full parse whenever reuse is not certainly the same.
 */
export function reparse(previous: string, tree: Root, edits: Edit[], next: string): Root {
  if (!edits.length) return tree
  if (!tree.children.length) return parseMarkdown(next)
  const maskedPrevious = maskTemplateTags(previous)
  const definitions = definitionsOf(tree, maskedPrevious, previous)
  if (!definitions) return parseMarkdown(next)
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  const masked = maskTemplateTags(next)
  const children: RootContent[] = []
  const pieces: Piece[] = []
  let e = 0
  let delta = 0
  let lineDelta = 0
  const lineChange = (edit: Edit) => newlines(edit.text) - newlines(previous.slice(edit.start, edit.end))
  for (const child of tree.children) {
    const [from, to] = [start(child), end(child)]
    // Edits before this block move it; edits inside it (or at its ends) make it re-parsed.
    while (e < sorted.length && sorted[e].end < from) {
      delta += sorted[e].text.length - (sorted[e].end - sorted[e].start)
      lineDelta += lineChange(sorted[e])
      e++
    }
    const inside: Edit[] = []
    while (e < sorted.length && sorted[e].start <= to) inside.push(sorted[e++])
    if (!inside.length) {
      const copy = shifted(child, delta, lineDelta)
      sameStructure(copy, child)
      children.push(copy)
      continue
    }
    if (inside.some((edit) => edit.start < from || edit.end > to)) return parseMarkdown(next)
    const fast = patched(child, inside, maskedPrevious, delta, lineDelta)
    if (fast) {
      sameStructure(fast, child)
      children.push(fast)
      delta += inside.reduce((sum, edit) => sum + edit.text.length - (edit.end - edit.start), 0)
      continue
    }
    const offset = previous.lastIndexOf('\n', from - 1) + 1 + delta
    const line = child.position!.start.line + lineDelta
    delta += inside.reduce((sum, edit) => sum + edit.text.length - (edit.end - edit.start), 0)
    lineDelta += inside.reduce((sum, edit) => sum + lineChange(edit), 0)
    pieces.push({ slot: children.length, type: child.type, offset, line, text: masked.slice(offset, to + delta) })
    children.push(child) // replaced below
  }
  if (e < sorted.length) return parseMarkdown(next)
  if (!pieces.length) return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(next) } }
  const parsed = bareParse(pieces.map((piece) => piece.text).join(SEPARATOR) + definitions.text).children
  if (parsed.length !== pieces.length * 2 - 1 + definitions.count) return parseMarkdown(next)
  let batchOffset = 0
  let batchLine = 1
  for (const [k, piece] of pieces.entries()) {
    const node = parsed[2 * k]
    if (node.type !== piece.type || (k > 0 && parsed[2 * k - 1].type !== 'html')) return parseMarkdown(next)
    shift(node, piece.offset - batchOffset, piece.line - batchLine)
    children[piece.slot] = node
    batchOffset += piece.text.length + SEPARATOR.length
    batchLine += newlines(piece.text) + newlines(SEPARATOR)
  }
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(next) } }
}

function endPoint(text: string): Point {
  const lastBreak = text.lastIndexOf('\n')
  return { line: newlines(text) + 1, column: text.length - lastBreak, offset: text.length }
}
