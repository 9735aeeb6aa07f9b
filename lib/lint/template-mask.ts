/**
 * Eleventy runs Liquid/Nunjucks over `.md` before Markdown, and old Hugo posts carry
 * shortcodes, so `{{ }}`, `{% %}` and `{{< >}}` must be opaque to the parser and the rules.
 * Each tag is replaced by placeholders of the same UTF-16 length, so every offset stays valid.
 */
import { ATOM } from './chars.ts'

const TEMPLATE_TAG = /\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g

export function maskTemplateTags(text: string): string {
  if (!text.includes('{')) return text
  // Newlines are kept so the block structure around a multi-line tag does not change.
  return text.replace(TEMPLATE_TAG, (tag) => tag.replace(/[^\n]/g, ATOM.template))
}
