/**
 * Eleventy runs Liquid/Nunjucks over `.md` before Markdown, and old Hugo posts carry
 * shortcodes, so `{{ }}`, `{% %}` and `{{< >}}` must be opaque to the parser and the rules.
 * So must what is code or maths without being a Markdown code span: the body of a shortcode
 * whose body is code (`{{< highlight go >}}…{{< /highlight >}}`, Hexo's `{% codeblock %}`),
 * TeX between `$…$` / `$$…$$`, and a heading's id attribute (`## 标题 {#id}`, the MDX comment
 * form, docsify's `:id=name`).
 * Each is replaced by placeholders of the same UTF-16 length, so every offset stays valid.
 */
import { ATOM } from './chars.ts'

/** Shortcodes and tags whose body is code (or verbatim text): Hugo, Jekyll, Hexo. */
const CODE_BODY =
  String.raw`\{\{<\s*(highlight|code|codeblock)\b[\s\S]*?>\}\}[\s\S]*?\{\{<\s*\/\s*\1\s*>\}\}|` +
  String.raw`\{\{%\s*(highlight|code|codeblock)\b[\s\S]*?%\}\}[\s\S]*?\{\{%\s*\/\s*\2\s*%\}\}|` +
  String.raw`\{%-?\s*(highlight|codeblock|code|raw|verbatim)\b[\s\S]*?%\}[\s\S]*?\{%-?\s*end\3\s*-?%\}`
const TAG = String.raw`\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}`
// pandoc's rule for inline TeX: no space inside the dollars, no digit right after the closing one.
const MATH = String.raw`\$\$[\s\S]+?\$\$|(?<![\\$\w])\$(?![\s$])[^$\n]+?(?<![\s\\])\$(?![\w$])`
// A heading line's trailing id attribute; group 2 is masked.
const HEADING_ID = /^( {0,3}#{1,6}[ \t][^\n]*?)([ \t]*(?:\{#[^{}\n]*\}|\{\/\*[^{}\n]*\*\/\}|%\{#[^{}\n]*\}%|:id=\S+))(?=[ \t#]*$)/gm
const TAGS = new RegExp(`${CODE_BODY}|${TAG}`, 'g')
const MATHS = new RegExp(MATH, 'g')

const blank = (span: string) => span.replace(/[^\n]/g, ATOM.template)

export function maskTemplateTags(text: string): string {
  // Each pattern runs only where its opening character occurs: most essays have none of them.
  // Newlines are kept so the block structure around a multi-line span does not change.
  // Heading ids first, so a `{#id}` is never taken for the start of a Nunjucks comment `{# … #}`.
  if (/\{#|\{\/\*|:id=/.test(text)) text = text.replace(HEADING_ID, (_, heading: string, id: string) => heading + blank(id))
  if (text.includes('{')) text = text.replace(TAGS, blank)
  if (text.includes('$')) text = text.replace(MATHS, blank)
  return text
}
