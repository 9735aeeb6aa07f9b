/**
 * The EPUB package: `container.xml` (where the package document is), the package document
 * (`package.opf`: metadata, manifest, spine) and the NCX that EPUB 2 reading systems read
 * instead of `nav.xhtml`.
 */
import { createHash } from "node:crypto";
import type { NavItem } from "./documents.ts";
import { escapeAttribute as attr, escapeText as text } from "./xhtml.ts";

export const PACKAGE_DIR = "EPUB";

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="${PACKAGE_DIR}/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

/** A name-based UUID (RFC 4122 version 5 layout) of the site URL and language: the same book keeps its identifier. */
export function bookIdentifier(siteUrl: string, lang: string): string {
  const hash = createHash("sha1").update(`wenji-book\0${siteUrl}\0${lang}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
  /** In the spine, in manifest order. */
  spine?: boolean;
}

export interface PackageMetadata {
  identifier: string;
  title: string;
  language: string;
  author: string;
  description: string;
  rights: string;
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  vertical: boolean;
}

export function packageDocument(meta: PackageMetadata, items: ManifestItem[]): string {
  const manifest = items
    .map((item) => `<item id="${attr(item.id)}" href="${attr(item.href)}" media-type="${attr(item.mediaType)}"${item.properties ? ` properties="${attr(item.properties)}"` : ""}/>`)
    .join("\n");
  const spine = items.filter((item) => item.spine).map((item) => `<itemref idref="${attr(item.id)}"/>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${attr(meta.language)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">${text(meta.identifier)}</dc:identifier>
<dc:title>${text(meta.title)}</dc:title>
<dc:language>${text(meta.language)}</dc:language>
<dc:creator id="author">${text(meta.author)}</dc:creator>
${meta.description ? `<dc:description>${text(meta.description)}</dc:description>\n` : ""}<dc:rights>${text(meta.rights)}</dc:rights>
<dc:date>${text(meta.modified)}</dc:date>
<meta property="dcterms:modified">${text(meta.modified)}</meta>
${meta.vertical ? `<meta name="primary-writing-mode" content="vertical-rl"/>\n` : ""}</metadata>
<manifest>
${manifest}
</manifest>
<spine toc="ncx"${meta.vertical ? ` page-progression-direction="rtl"` : ""}>
${spine}
</spine>
</package>
`;
}

function depth(items: NavItem[]): number {
  return items.reduce((max, item) => Math.max(max, 1 + depth(item.children)), 0);
}

export function ncxDocument(meta: PackageMetadata, items: NavItem[]): string {
  let order = 0;
  const points = (list: NavItem[]): string =>
    list
      .map((item) => {
        order++;
        return `<navPoint id="nav-${order}" playOrder="${order}"><navLabel><text>${text(item.label)}</text></navLabel><content src="${attr(item.href)}"/>${points(item.children)}</navPoint>`;
      })
      .join("\n");
  const map = points(items);
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${attr(meta.language)}">
<head>
<meta name="dtb:uid" content="${attr(meta.identifier)}"/>
<meta name="dtb:depth" content="${Math.max(1, depth(items))}"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${text(meta.title)}</text></docTitle>
<docAuthor><text>${text(meta.author)}</text></docAuthor>
<navMap>
${map}
</navMap>
</ncx>
`;
}
