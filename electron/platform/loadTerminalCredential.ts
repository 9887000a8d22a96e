import { readFileSync, statSync } from 'node:fs';
import type { TerminalCredential } from './platformClient.js';
import type { PlatformCredentialSettings } from './platformSettingsSchema.js';

/**
 * Reads the terminal's signing secret from its file. On POSIX systems the file must not be
 * readable or writable by group or others: a secret others can read is no longer the
 * terminal's alone. (Windows has no such mode bits; there the ACL is the installer's job.)
 */

export const MIN_SECRET_LENGTH = 32;

export type CredentialProblemCode = 'secret-file-unreadable' | 'secret-file-too-open' | 'secret-too-short';

export interface CredentialProblem {
  code: CredentialProblemCode;
  message: { 'zh-CN': string; en: string };
}

export interface CredentialFileSystem {
  modeOf(path: string): number;
  read(path: string): string;
}

const realFileSystem: CredentialFileSystem = {
  modeOf: (path) => statSync(path).mode,
  read: (path) => readFileSync(path, 'utf8'),
};

export function loadTerminalCredential(
  settings: PlatformCredentialSettings,
  options: { platform?: NodeJS.Platform; fs?: CredentialFileSystem } = {},
): { ok: true; credential: TerminalCredential } | { ok: false; problem: CredentialProblem } {
  const fs = options.fs ?? realFileSystem;
  const platform = options.platform ?? process.platform;
  const file = settings.secretFile;
  let mode: number;
  let text: string;
  try {
    mode = fs.modeOf(file);
    text = fs.read(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: {
        code: 'secret-file-unreadable',
        message: { 'zh-CN': `无法读取平台密钥文件 ${file}：${reason}`, en: `cannot read the platform secret file ${file}: ${reason}` },
      },
    };
  }
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    return {
      ok: false,
      problem: {
        code: 'secret-file-too-open',
        message: {
          'zh-CN': `平台密钥文件 ${file} 的权限为 ${octal}，其他用户可读写；请执行 chmod 600`,
          en: `the platform secret file ${file} has mode ${octal}, open to other users: run chmod 600 on it`,
        },
      },
    };
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret.length < MIN_SECRET_LENGTH || /[\r\n]/.test(secret)) {
    return {
      ok: false,
      problem: {
        code: 'secret-too-short',
        message: {
          'zh-CN': `平台密钥文件 ${file} 应为一行、至少 ${MIN_SECRET_LENGTH} 个字符`,
          en: `the platform secret file ${file} must hold one line of at least ${MIN_SECRET_LENGTH} characters`,
        },
      },
    };
  }
  return { ok: true, credential: { keyId: settings.keyId, secret, algorithm: settings.algorithm } };
}
