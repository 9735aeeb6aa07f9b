// @11ty/eleventy-img ships no type declarations; this is the part of its API wenji uses.
declare module "@11ty/eleventy-img" {
  export interface ImageVariant {
    format: string;
    width: number;
    height: number;
    url: string;
    sourceType: string;
    srcset: string;
    filename?: string;
    outputPath?: string;
    size?: number;
  }

  /** Output variants per format, each list ascending by width. */
  export type ImageMetadata = Record<string, ImageVariant[]>;

  export interface ImageOptions {
    widths?: (number | "auto")[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    useCache?: boolean;
    hashLength?: number;
    formatFiltering?: string[] | false;
    sharpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpPngOptions?: Record<string, unknown>;
  }

  /** `{ picture: { "@children": [{ source: {...} }, { img: {...} }] } }` or `{ img: {...} }`. */
  export type HtmlObject = Record<string, Record<string, unknown>>;

  interface EleventyImage {
    (src: string | Buffer, options?: ImageOptions): Promise<ImageMetadata>;
    generateObject(metadata: ImageMetadata, imgAttributes: Record<string, unknown>, pictureAttributes?: Record<string, unknown>, options?: Record<string, unknown>): HtmlObject;
  }

  const eleventyImage: EleventyImage;
  export default eleventyImage;
}
