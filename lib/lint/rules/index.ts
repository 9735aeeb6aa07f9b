/**
 * Every rule, in fixing order: character-level rules (width, ellipsis, dash) come before
 * punctuation width, and spacing comes last, so one rule owns each run of characters.
 */
import type { RuleModule } from '../rule.ts'
import noSpecialChars from './no-special-chars.ts'
import halfwidthAlnum from './halfwidth-alnum.ts'
import ellipsis from './ellipsis.ts'
import dash from './dash.ts'
import noRepeatedPunct from './no-repeated-punct.ts'
import fullwidthPunct from './fullwidth-punct.ts'
import halfwidthPunctInEnglish from './halfwidth-punct-in-english.ts'
import fullwidthParens from './fullwidth-parens.ts'
import quoteStyle from './quote-style.ts'
import mismatchedPairs from './mismatched-pairs.ts'
import enumerationComma from './enumeration-comma.ts'
import properNounCase from './proper-noun-case.ts'
import headingTrailingPunct from './heading-trailing-punct.ts'
import noSpaceInLink from './no-space-in-link.ts'
import noSpaceInsideInlineCode from './no-space-inside-inline-code.ts'
import unitSpacing from './unit-spacing.ts'
import spaceCjkLatin from './space-cjk-latin.ts'
import spaceCjkDigit from './space-cjk-digit.ts'
import spaceAroundInlineCode from './space-around-inline-code.ts'
import noSpaceFullwidthPunct from './no-space-fullwidth-punct.ts'
import noRedundantSpace from './no-redundant-space.ts'

export const rules: RuleModule<any>[] = [
  noSpecialChars,
  halfwidthAlnum,
  ellipsis,
  dash,
  noRepeatedPunct,
  fullwidthPunct,
  halfwidthPunctInEnglish,
  fullwidthParens,
  quoteStyle,
  mismatchedPairs,
  enumerationComma,
  properNounCase,
  headingTrailingPunct,
  noSpaceInLink,
  noSpaceInsideInlineCode,
  unitSpacing,
  spaceCjkLatin,
  spaceCjkDigit,
  spaceAroundInlineCode,
  noSpaceFullwidthPunct,
  noRedundantSpace,
]

export const ruleIds = rules.map((rule) => rule.id)
