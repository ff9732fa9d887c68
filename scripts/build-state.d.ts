// Types for build-state.js, which stays plain JavaScript: the launcher loads it before tsx.
export declare const SOURCE_DIRS: string[];
export declare const STAMP: string;
export declare function scanSources(root: string): { files: string[]; newestMs: number };
export declare function buildState(root: string): { fresh: true } | { fresh: false; reason: string };
