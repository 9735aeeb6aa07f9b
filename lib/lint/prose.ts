/**
 * The visible text of every paragraph, heading and table cell, flattened across inline
 * markup, with a map back to source offsets. Rules scan this flat text, so `这是**Bold**`
 * reads as `这是Bold`, while inline code, URLs, HTML, images, escapes, entities and template
 * tags become single atom characters that no rule edits. Built once per tree and shared.
 */
import type { Root, Nodes, Parents, PhrasingContent, InlineCode, Link, LinkReference, Html } from 'mdast'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { ATOM } from './chars.ts'
import { maskTemplateTags } from './template-mask.ts'

export type ProseNode = Extract<Nodes, { type: 'paragraph' | 'heading' | 'tableCell' }>

export interface ProseBlock {
  node: ProseNode
  ancestors: Parents[]
  /** Flat visible text; one UTF-16 unit per source unit, atoms and line breaks one unit each. */
  text: string
  /** Source offset where flat unit i starts / ends. */
  starts: number[]
  ends: number[]
  /** Source offset where a space between flat units i-1 and i belongs: outside any delimiters. */
  inserts: number[]
}

export interface ProseIndex {
  /** Source with template tags masked (same length as the file). */
  source: string
  blocks: ProseBlock[]
  /** Inline code and bracketed links met while flattening, so rules need no second traversal. */
  inlineCodes: InlineCode[]
  links: Array<Link | LinkReference>
  /** HTML nodes with their parent, for the inline control comments. */
  htmls: Array<{ node: Html; parent: Parents }>
  toPoint(offset: number): { line: number; column: number; offset: number }
}

const PROSE_TYPES = new Set(['paragraph', 'heading', 'tableCell'])
const SKIPPED_TYPES = new Set(['code', 'html', 'yaml', 'toml', 'definition', 'math'])
const CONTAINER_TYPES = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference'])
const ATOM_BY_TYPE: Record<string, string> = {
  inlineCode: ATOM.code,
  html: ATOM.html,
  image: ATOM.image,
  imageReference: ATOM.image,
  footnoteReference: ATOM.footnote,
  break: '\n',
}
const ASCII_PUNCT = /[!-/:-@[-`{-~]/
// Characters where the flat text departs from the source: escapes, entities, line endings
// (and the spaces or tabs right before one).
const SPECIAL = /[\\&]|[ \t]*\n/g
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y

const cache = new WeakMap<Root, ProseIndex>()

export function proseIndex(tree: Root, file: VFile): ProseIndex {
  let index = cache.get(tree)
  if (!index) {
    const source = maskTemplateTags(String(file.value))
    const place = location(file)
    const found: Found = { blocks: [], inlineCodes: [], links: [], htmls: [] }
    collect(tree, [], source, found)
    index = {
      source,
      ...found,
      toPoint(offset) {
        const point = place.toPoint(offset)
        if (!point) throw new Error(`offset ${offset} outside the document`)
        return { line: point.line, column: point.column, offset }
      },
    }
    cache.set(tree, index)
  }
  return index
}

type Found = Pick<ProseIndex, 'blocks' | 'inlineCodes' | 'links' | 'htmls'>

function collect(node: Nodes, ancestors: Parents[], source: string, found: Found): void {
  if (PROSE_TYPES.has(node.type)) {
    found.blocks.push(flatten(node as ProseNode, ancestors, source, found))
    return
  }
  if (node.type === 'html') found.htmls.push({ node, parent: ancestors[ancestors.length - 1] })
  if (SKIPPED_TYPES.has(node.type) || !('children' in node)) return
  const inner = [...ancestors, node]
  for (const child of node.children) collect(child as Nodes, inner, source, found)
}

function flatten(node: ProseNode, ancestors: Parents[], source: string, found: Found): ProseBlock {
  const inBlockquote = ancestors.some((a) => a.type === 'blockquote')
  const chars: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const inserts: number[] = []
  // Where a space would go if the next unit follows closing or opening delimiters.
  let afterClose = -1
  let beforeOpen = -1

  const push = (ch: string, start: number, end: number) => {
    inserts.push(afterClose >= 0 ? afterClose : beforeOpen >= 0 ? beforeOpen : start)
    chars.push(ch)
    starts.push(start)
    ends.push(end)
    afterClose = -1
    beforeOpen = -1
  }

  const pushText = (start: number, end: number) => {
    let i = start
    while (i < end) {
      // Plain runs (no escape, entity or line ending ahead) are copied in one go.
      SPECIAL.lastIndex = i
      const special = SPECIAL.exec(source)
      const runEnd = special && special.index < end ? special.index : end
      if (runEnd > i) {
        inserts.push(afterClose >= 0 ? afterClose : beforeOpen >= 0 ? beforeOpen : i)
        afterClose = -1
        beforeOpen = -1
        chars.push(source.slice(i, runEnd))
        for (let k = i; k < runEnd; k++) {
          if (k > i) inserts.push(k)
          starts.push(k)
          ends.push(k + 1)
        }
        i = runEnd
        continue
      }
      const ch = source[i]
      if (ch === '\\' && i + 1 < end && ASCII_PUNCT.test(source[i + 1])) {
        push(ATOM.escape, i, i + 2)
        i += 2
        continue
      }
      if (ch === '&') {
        ENTITY.lastIndex = i
        if (ENTITY.test(source) && ENTITY.lastIndex <= end) {
          push(ATOM.entity, i, ENTITY.lastIndex)
          i = ENTITY.lastIndex
          continue
        }
      }
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        // Trailing spaces, the line ending and the next line's prefix are one soft break.
        let j = i
        while (j < end && (source[j] === ' ' || source[j] === '\t')) j++
        if (j < end && source[j] === '\n') {
          j++
          while (j < end && (source[j] === ' ' || source[j] === '\t' || (inBlockquote && source[j] === '>'))) j++
          push('\n', i, j)
          i = j
          continue
        }
      }
      push(ch, i, i + 1)
      i++
    }
  }

  const walk = (children: PhrasingContent[], parent: Parents) => {
    for (const child of children) {
      const start = child.position!.start.offset!
      const end = child.position!.end.offset!
      if (child.type === 'text') {
        pushText(start, end)
      } else if (CONTAINER_TYPES.has(child.type) && !(child.type === 'link' && source[start] !== '[')) {
        if (child.type === 'link' || child.type === 'linkReference') found.links.push(child)
        if (afterClose < 0 && beforeOpen < 0) beforeOpen = start
        walk((child as { children: PhrasingContent[] }).children, child as Parents)
        afterClose = end
      } else {
        if (child.type === 'inlineCode') found.inlineCodes.push(child)
        else if (child.type === 'html') found.htmls.push({ node: child, parent })
        push(child.type === 'link' ? ATOM.url : (ATOM_BY_TYPE[child.type] ?? ATOM.other), start, end)
      }
    }
  }

  walk(node.children as PhrasingContent[], node)
  inserts.push(afterClose >= 0 ? afterClose : ends.length ? ends[ends.length - 1] : node.position!.end.offset!)
  return { node, ancestors, text: chars.join(''), starts, ends, inserts }
}
