/**
 * The XSLT stylesheet that makes a feed readable when opened in a browser: what a feed is,
 * how to subscribe, and the items, in the feed's language. Feed readers ignore it. One per
 * language, because the explanation is written from the strings files.
 */
import type { SiteModel } from "../content/model.ts";
import { translator } from "../i18n/strings.ts";
import { xmlAttr, xmlText } from "./xml.ts";

const STYLE = `
body { margin: 0; font: 17px/1.7 system-ui, -apple-system, "Noto Sans CJK SC", "PingFang SC", sans-serif; color: #1f1f1f; background: #fbfaf7; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
.about { background: #f3ebe2; border-left: 4px solid #8c2f1e; padding: 0.75rem 1rem; border-radius: 4px; }
.about code { word-break: break-all; background: #fff; padding: 0.1em 0.3em; }
h1 { margin: 1.5rem 0 0.25rem; font-size: 1.6rem; }
ol { padding: 0; list-style: none; }
li { margin: 1.25rem 0; }
li a { font-weight: 600; color: #8c2f1e; }
time { display: block; color: #666; font-size: 0.9em; }
li p { margin: 0.25rem 0 0; }
@media (prefers-color-scheme: dark) { body { background: #1b1a18; color: #e8e6e1; } .about { background: #2a2420; } .about code { background: #111; } li a { color: #e59a80; } time { color: #aaa; } }
`;

export function renderFeedStylesheet(model: SiteModel, lang: string): string {
  const t = translator(model.settings.strings[lang]);
  const locale = model.settings.site.languages[lang].locale;
  const text = (key: string) => xmlText(t(`feedPage.${key}`));
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
<xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
<xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>
<xsl:template match="/">
<html lang="${xmlAttr(locale)}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="$title"/></title>
<style>${xmlText(STYLE)}</style>
</head>
<body>
<main>
<section class="about">
<p><strong>${text("what")}</strong> ${text("explain")}</p>
<p>${text("howto")} <code><xsl:value-of select="$self"/></code></p>
</section>
<h1><xsl:value-of select="$title"/></h1>
<p><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
<p><a href="{$home}">${text("visit")}</a></p>
<h2>${text("recent")}</h2>
<ol>
<xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
<li>
<a href="{link | atom:link[@rel='alternate']/@href}"><xsl:value-of select="title | atom:title"/></a>
<time><xsl:choose><xsl:when test="atom:published"><xsl:value-of select="substring(atom:published, 1, 10)"/></xsl:when><xsl:otherwise><xsl:value-of select="pubDate"/></xsl:otherwise></xsl:choose></time>
<xsl:if test="atom:summary"><p><xsl:value-of select="atom:summary"/></p></xsl:if>
</li>
</xsl:for-each>
</ol>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`;
}
