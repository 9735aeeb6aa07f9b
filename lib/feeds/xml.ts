/**
 * Text for XML 1.0 documents. Essays may contain characters XML cannot carry at all (C0
 * controls, lone surrogates, U+FFFE/U+FFFF): those are dropped; everything else is escaped
 * for its context, never wrapped in CDATA (which cannot hold `]]>`).
 */

/** Characters outside XML 1.0's `Char` production (tab, LF and CR are allowed). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything any function below would change; most strings (URLs, dates, plain titles) have none. */
const NEEDS_WORK = /[\u0000-\u001F\u007F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Removes what XML cannot hold (DEL too: it is legal but never meant in prose). */
export function stripControlCharacters(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(NOT_XML_CHAR, "") : text;
}

/** Element content: `&`, `<` and `>` (the last so `]]>` never appears). */
export function xmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return stripControlCharacters(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A double-quoted attribute value; tabs and newlines kept as references so they survive normalization. */
export function xmlAttr(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return xmlText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** `<name a="1">text</name>`, or `<name a="1"/>` when there is no text; attributes left out when undefined. */
export function element(name: string, attrs: Record<string, string | undefined>, text?: string): string {
  const attributes = Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttr(value)}"`)
    .join("");
  return text === undefined ? `<${name}${attributes}/>` : `<${name}${attributes}>${xmlText(text)}</${name}>`;
}
