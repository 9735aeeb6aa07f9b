/**
 * Offset-based fixing. Edits go into the original text (never a re-serialized tree), so what
 * no rule touches stays byte-identical. Each round applies non-overlapping edits, re-parses
 * and compares the Markdown structure; a fix that changes it is withheld and reported.
 */
import type { Root, Nodes, RootContent } from 'mdast'
import type { Edit } from './rule.ts'

export interface Fixable {
  ruleId: string
  message: string
  start: number
  end: number
  fix: Edit[] | null
}

/**
 * Pick fixes whose edits neither overlap nor share an insertion point; earlier candidates win.
 * Dropped ones come back in the next round.
 */
export function selectFixes<T extends Fixable>(candidates: T[]): T[] {
  const dropped = new Set<number>()
  const edits = candidates.flatMap((candidate, owner) => candidate.fix!.map((edit) => ({ edit, owner })))
  edits.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.owner - b.owner)
  for (;;) {
    let previous: (typeof edits)[number] | undefined
    let clean = true
    for (const current of edits) {
      if (dropped.has(current.owner)) continue
      if (previous && previous.owner !== current.owner && conflict(previous.edit, current.edit)) {
        dropped.add(Math.max(previous.owner, current.owner))
        clean = false
        if (dropped.has(previous.owner)) previous = current
        continue
      }
      if (!previous || current.edit.end >= previous.edit.end) previous = current
    }
    if (clean) break
  }
  return candidates.filter((_, owner) => !dropped.has(owner))
}

function conflict(a: Edit, b: Edit): boolean {
  if (b.start < a.end) return true
  return b.start === a.start && (a.start === a.end || b.start === b.end)
}

export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  const parts: string[] = []
  let at = 0
  for (const edit of sorted) {
    parts.push(text.slice(at, edit.start), edit.text)
    at = edit.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/**
 * The shape of a tree: node types and the attributes that change rendering. Text nodes are
 * left out: removing padding may drop a whitespace-only text node without changing anything.
 */
const structures = new WeakMap<Nodes, string>()

/** A copy of a block that differs only in positions or text has its original's shape (no walk). */
export function sameStructure(copy: Nodes, original: Nodes): void {
  const shape = structures.get(original)
  if (shape !== undefined) structures.set(copy, shape)
}

/** structure() of a top-level block, computed once per block object. */
function blockStructure(node: Nodes): string {
  let shape = structures.get(node)
  if (shape === undefined) structures.set(node, (shape = structure(node)))
  return shape
}

export function structure(node: Nodes): string {
  if (node.type === 'text') return ''
  let shape = node.type
  if (node.type === 'heading') shape += node.depth
  if (node.type === 'list') shape += node.ordered ? 'o' : 'u'
  if ('children' in node) shape += '(' + (node.children as Nodes[]).map(structure).filter(Boolean).join(',') + ')'
  return shape
}

const span = (node: RootContent) => [node.position!.start.offset!, node.position!.end.offset!] as const

/**
 * The fixes to withhold because applying them changed the parse. Top-level blocks are compared
 * before and after; fixes inside a changed stretch are each tried alone on their own block,
 * and if the batch still changes the parse the whole stretch is withheld.
 */
export function structureBreakers<T extends Fixable>(
  before: { text: string; tree: Root },
  after: Root,
  chosen: T[],
  parse: (text: string) => Root,
): T[] | null {
  const old = before.tree.children.map(blockStructure)
  const now = after.children.map(blockStructure)
  let head = 0
  while (head < old.length && head < now.length && old[head] === now[head]) head++
  if (head === old.length && head === now.length) return null
  let tail = 0
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++
  const blocks = before.tree.children.slice(head, old.length - tail)
  const from = blocks.length ? span(blocks[0])[0] : 0
  const to = blocks.length ? span(blocks[blocks.length - 1])[1] : before.text.length
  const suspects = chosen.filter((fix) => fix.fix!.some((edit) => edit.end >= from && edit.start <= to))
  if (!suspects.length) return chosen
  const breakers = suspects.filter((fix) => {
    const block = blocks.find((node) => fix.fix!.every((edit) => edit.start >= span(node)[0] && edit.end <= span(node)[1]))
    if (!block) return true
    const [start, end] = span(block)
    const local = fix.fix!.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }))
    const slice = before.text.slice(start, end)
    return structure(parse(slice)) !== structure(parse(applyEdits(slice, local)))
  })
  return breakers.length ? breakers : suspects
}
