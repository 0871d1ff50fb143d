// Types of build-state.js, which is plain JavaScript because it runs before TypeScript can load.
export declare const SOURCE_FOLDERS: readonly string[];
export declare const BUILD_FOLDER: string;
export declare const STAMP_FILE: string;
export declare function sourceFiles(root: string): string[];
export declare function sourceFingerprint(root: string, files?: readonly string[]): string;
export declare function buildIsCurrent(root: string): boolean;
