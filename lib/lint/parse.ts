/** The one Markdown parser every rule and the fixer share: remark + front matter + GFM. */
import { unified, type Processor } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import type { Root } from 'mdast'
import { maskTemplateTags } from './template-mask.ts'

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()

export function parseMarkdown(text: string): Root {
  return parser.parse(maskTemplateTags(text))
}

/** Same parser without the mask: the floor the benchmark compares against. */
export function bareParse(text: string): Root {
  return parser.parse(text)
}

export type { Processor }
