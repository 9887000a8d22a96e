// Types for scripts/nativeAbi.mjs.
export declare const BETTER_SQLITE3_ADDON: string;
export declare function addonAbi(bytes: Uint8Array): number | 'napi' | undefined;
export declare function electronTarget(root: string): { version: string; abi: number };
export declare function betterSqliteForElectron(root: string): { ok: boolean; message: string };
