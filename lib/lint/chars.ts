/** Character classes shared by the rules; Han is `\p{Script=Han}` so Ext-A/B count too. */

export const HAN = '\\p{Script=Han}'
export const LATIN_LETTER = 'A-Za-z\\u00C0-\\u024F'
/** Full-width punctuation that takes no space on either side (house style A3). */
export const FULLWIDTH_PUNCT = '，。、；：？！（）《》「」『』“”‘’【】〈〉'

/**
 * Atom characters stand in for things the rules must see but never edit (inline code, URLs,
 * HTML, images, escapes, template tags). They live in the Private Use Area, so no class matches them.
 */
export const ATOM = {
  template: '\uE000',
  code: '\uE001',
  url: '\uE002',
  html: '\uE003',
  image: '\uE004',
  footnote: '\uE005',
  escape: '\uE006',
  entity: '\uE007',
  other: '\uE008',
} as const

const hanTest = /\p{Script=Han}/u
export const isHan = (ch: string | undefined): boolean => ch !== undefined && hanTest.test(ch)
export const isLatinLetter = (ch: string | undefined): boolean =>
  ch !== undefined && /[A-Za-z\u00C0-\u024F]/.test(ch)
export const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9'
export const isFullwidthPunct = (ch: string | undefined): boolean =>
  ch !== undefined && ch.length === 1 && FULLWIDTH_PUNCT.includes(ch)
/** Han or full-width punctuation: the "Chinese context" several rules look for. */
export const isChineseContext = (ch: string | undefined): boolean => isHan(ch) || isFullwidthPunct(ch)
