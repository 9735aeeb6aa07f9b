/**
 * The house-style preset. `createPreset(config)` builds it for a project's configuration; the
 * default export is the plain house style, so `.remarkrc` can name this module like any
 * remark-lint preset. It brings its own front matter, GFM and template-tag masking, because
 * the rules are only safe on a tree parsed that way.
 */
import type { Preset, Processor, PluggableList } from 'unified'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import { rules } from './rules/index.ts'
import { lintControl } from './control.ts'
import { defaultConfig, type LintConfig } from './config.ts'
import { maskTemplateTags } from './template-mask.ts'

/** Wrap the parser so `{{ }}`, `{% %}` and `{{< >}}` parse as opaque text of the same length. */
export function maskTemplates(this: Processor) {
  const parse = this.parser
  if (parse) this.parser = (document, file) => parse(maskTemplateTags(document), file)
}

/** The rule settings a configuration gives: [plugin, [severity, options]] per enabled rule. */
export function ruleSettings(config: LintConfig): PluggableList {
  return rules.map((rule) => {
    const setting = config.rules[rule.id] ?? rule.severity
    const [severity, options] = Array.isArray(setting) ? setting : [setting, {}]
    const fromConfig =
      rule.id === 'proper-noun-case'
        ? { words: config.properNouns }
        : rule.id === 'space-cjk-latin' || rule.id === 'space-cjk-digit'
          ? { keep: config.properNouns }
          : rule.id === 'quote-style'
            ? { style: config.quotes }
            : {}
    return [rule.plugin, [severity, { ...fromConfig, ...options }]]
  })
}

export function createPreset(config: LintConfig = defaultConfig): Preset {
  return {
    plugins: [[remarkFrontmatter, ['yaml', 'toml']], remarkGfm, maskTemplates, ...ruleSettings(config), lintControl],
  }
}

const houseStyle: Preset = createPreset()
export default houseStyle
