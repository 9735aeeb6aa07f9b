// Eleventy ships no type declarations; this is the part of its API wenji uses.
declare module "@11ty/eleventy" {
  export interface EleventyEventArgs {
    directories: { input: string; output: string; includes: string; data: string; layouts?: string };
    runMode: "build" | "watch" | "serve";
    outputMode: string;
    incremental: boolean;
    results?: { inputPath: string; outputPath: string | false; url: string | false; content: string }[];
  }

  export interface UserConfig {
    pathPrefix: string;
    dir: Record<string, string>;
    addPlugin<T>(plugin: (config: UserConfig, options: T) => void | Promise<void>, options?: T): void;
    addPlugin(plugin: unknown, options?: unknown): void;
    addGlobalData(name: string, data: unknown): UserConfig;
    addTemplate(virtualPath: string, content: string | ((data: any) => string), data?: Record<string, unknown>): void;
    addPassthroughCopy(paths: string | Record<string, string>, options?: Record<string, unknown>): UserConfig;
    addWatchTarget(path: string, options?: { resetConfig?: boolean }): void;
    addFilter(name: string, fn: (...args: any[]) => unknown): void;
    addShortcode(name: string, fn: (...args: any[]) => string): void;
    addTransform(name: string, fn: (this: { page: { inputPath: string; outputPath: string | false; url: string } }, content: string) => string | Promise<string>): void;
    addExtension(extensions: string | string[], options: Record<string, unknown>): void;
    addTemplateFormats(formats: string | string[]): void;
    setTemplateFormats(formats: string | string[]): void;
    setInputDirectory(dir: string): void;
    setOutputDirectory(dir: string): void;
    setIncludesDirectory(dir: string): void;
    setDataDirectory(dir: string): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    setWatchThrottleWaitTime(ms: number): void;
    setChokidarConfig(options: { awaitWriteFinish?: { stabilityThreshold: number; pollInterval: number } }): void;
    setLibrary(name: string, library: unknown): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    on(event: "eleventy.before" | "eleventy.after", fn: (args: EleventyEventArgs) => void | Promise<void>): void;
    on(event: string, fn: (...args: any[]) => void | Promise<void>): void;
    emit(event: string, ...args: unknown[]): Promise<unknown[]>;
    ignores: Set<string> & { add(glob: string): void; delete(glob: string): boolean };
    watchIgnores: Set<string>;
    versionCheck(range: string): void;
  }

  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    pathPrefix?: string;
    runMode?: "build" | "watch" | "serve";
    config?: (config: UserConfig) => void;
  }

  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }

  export const HtmlBasePlugin: (config: UserConfig, options?: Record<string, unknown>) => void;
  export const RenderPlugin: (config: UserConfig, options?: Record<string, unknown>) => void;
}
