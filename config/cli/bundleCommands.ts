import { chmodSync, existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatPrivateKeyFile, formatPublicKeyFile, parsePrivateKeyFile, parsePublicKeyFile } from '../bundles/adminKeyFiles.js';
import { generateAdminSigningKey, trustedKeyOf } from '../bundles/adminSigningKey.js';
import { formatBundleFile } from '../bundles/bundleFormat.js';
import type { BundleRejection } from '../bundles/bundleRejection.js';
import { exampleBundle } from '../bundles/exampleBundle.js';
import { findForbiddenRemoteFields } from '../bundles/forbiddenRemoteFields.js';
import { readLocalBundleContext } from '../bundles/localBundleContext.js';
import type { AdminKeyAlgorithm } from '../bundles/remoteConfigSettingsSchema.js';
import { signConfigBundle } from '../bundles/signConfigBundle.js';
import { authenticateConfigBundle, describeTargets, verifyConfigBundle, type AuthenticBundle } from '../bundles/verifyConfigBundle.js';
import { formatConfigProblem } from '../configProblem.js';
import { readConfigFile } from '../readConfigFile.js';
import type { CliContext } from './cliContext.js';

/**
 * Adds `keygen`, `init-bundle`, `sign` and `verify` to the existing `config` command
 * (registered by registerConfigCommands, which must run first).
 */
export function registerConfigBundleCommands(program: Command, context: CliContext, now: () => number = Date.now): void {
  const config = program.commands.find((c) => c.name() === 'config');
  if (!config) throw new Error('registerConfigBundleCommands: register the "config" command (registerConfigCommands) first');
  addConfigBundleCommands(config, context, now);
}

export function addConfigBundleCommands(config: Command, context: CliContext, now: () => number = Date.now): void {
  const fail = (text: string) => {
    context.err(`${text}\n`);
    context.setExitCode(1);
  };

  config
    .command('keygen')
    .description('make a remote-admin key pair for signing config bundles: PREFIX.key (secret, mode 0600) and PREFIX.pub')
    .requiredOption('--out <PREFIX>', 'path and name of the two files, without extension')
    .addOption(new Option('--algorithm <ALG>', 'signature algorithm').choices(['ed25519', 'sm2']).default('ed25519'))
    .option('--key-id <ID>', 'name of the key in bundles and terminal configs (default: algorithm and fingerprint)')
    .addHelpText(
      'after',
      '\nNever overwrites a file. Ed25519 keys are PEM (PKCS#8 / SubjectPublicKeyInfo); SM2 keys are hex lines.\n' +
        'Prints the entry to add to each terminal config under remoteConfig.trustedAdminKeys.\n' +
        'Example:\n  kioskctl config keygen --out ~/keys/admin-2026 --key-id admin-2026',
    )
    .action((options: { out: string; algorithm: AdminKeyAlgorithm; keyId?: string }) => {
      const keyFile = `${options.out}.key`;
      const pubFile = `${options.out}.pub`;
      const existing = [keyFile, pubFile].filter((f) => existsSync(f));
      if (existing.length > 0) return fail(`refusing to overwrite ${existing.join(' and ')}: choose another --out PREFIX`);
      if (options.keyId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(options.keyId)) {
        return fail('--key-id must be 1-64 letters, digits, ".", "_" and "-"');
      }
      const key = generateAdminSigningKey(options.algorithm, options.keyId);
      const trusted = trustedKeyOf(key);
      try {
        // 'wx': fail rather than replace a file that appeared meanwhile.
        writeFileSync(keyFile, formatPrivateKeyFile(key), { mode: 0o600, flag: 'wx' });
        chmodSync(keyFile, 0o600); // whatever the umask
      } catch (error) {
        return fail(`cannot write ${keyFile}: ${describeFsError(error)}`);
      }
      try {
        writeFileSync(pubFile, formatPublicKeyFile(trusted), { mode: 0o644, flag: 'wx' });
        chmodSync(pubFile, 0o644); // readable by the admins who copy it to terminals, whatever the umask
      } catch (error) {
        unlinkSync(keyFile);
        return fail(`cannot write ${pubFile}: ${describeFsError(error)}`);
      }
      context.out(
        `wrote ${keyFile} (secret, mode 0600) and ${pubFile}: ${key.algorithm} key "${key.keyId}"\n` +
          `add to each terminal config under remoteConfig.trustedAdminKeys:\n  ${JSON.stringify(trusted)}\n`,
      );
    });

  config
    .command('init-bundle')
    .description('write a minimal, valid unsigned config bundle to edit and sign')
    .requiredOption('--out <FILE>', 'where to write it (never overwritten)')
    .option('--bundle-version <N>', 'bundle version (default 1): larger than every bundle issued before', parsePositiveInteger)
    .option('--terminal <ID...>', 'target terminal id(s) (default: the sample terminal DEMO-HALL-0001 when no --group)')
    .option('--group <NAME...>', 'target group name(s)')
    .addHelpText('after', '\nThe file explains itself in its "_help" field and can be signed unchanged:\n  kioskctl config init-bundle --out bundle.json\n  kioskctl config sign bundle.json --key admin.key --out bundle.signed.json')
    .action((options: { out: string; bundleVersion?: number; terminal?: string[]; group?: string[] }) => {
      const draft = exampleBundle({ version: options.bundleVersion, terminals: options.terminal, groups: options.group });
      try {
        writeFileSync(options.out, formatBundleFile(draft), { flag: 'wx' });
      } catch (error) {
        return fail(`cannot write ${options.out}: ${describeFsError(error)}`);
      }
      context.out(`wrote unsigned bundle v${String(draft['version'])} to ${options.out}: edit "config" and "targets", then sign it with kioskctl config sign\n`);
    });

  config
    .command('sign')
    .description('sign a config bundle with an admin key (sets issuedAt, keyId, algorithm and signature)')
    .argument('<FILE>', 'the unsigned (or previously signed) bundle')
    .requiredOption('--key <PREFIX.key>', 'the admin signing key made by kioskctl config keygen')
    .requiredOption('--out <SIGNED>', 'where to write the signed bundle')
    .option('--force', 'replace SIGNED if it exists')
    .action((file: string, options: { key: string; out: string; force?: boolean }) => {
      const keyText = readText(options.key);
      if (!keyText.ok) return fail(`${options.key}: ${keyText.problem}`);
      const key = parsePrivateKeyFile(keyText.text);
      if (!key.ok) return fail(`${options.key}: ${key.problem}`);
      warnIfReadableByOthers(options.key, context);
      const draft = readConfigFile(file);
      if (!draft.ok) return fail(draft.problems.map(formatConfigProblem).join('\n'));
      const signed = signConfigBundle(draft.data, key.key, now());
      if (!signed.ok) return fail(`${file}: cannot be signed:\n${signed.problems.map((p) => `  ${p}`).join('\n')}`);
      try {
        writeFileSync(options.out, formatBundleFile(signed.document), { flag: options.force ? 'w' : 'wx' });
      } catch (error) {
        return fail(`cannot write ${options.out}: ${describeFsError(error)}${options.force ? '' : ' (give --force to replace it)'}`);
      }
      context.out(`signed bundle v${String(signed.document['version'])} with ${key.key.algorithm} key "${key.key.keyId}": ${options.out}\n`);
    });

  config
    .command('verify')
    .description('check a signed bundle: shape, signature under the public key, and fields a bundle may not set')
    .argument('<SIGNED>', 'the signed bundle')
    .requiredOption('--pub <PREFIX.pub>', 'the admin public key made by kioskctl config keygen')
    .option('--config <FILE>', "also judge it as this terminal would: target, and its config merged over this terminal file")
    .addHelpText(
      'after',
      '\nExit status 0 and a one-line summary when valid; 1 with "INVALID <code>: <reason>" on stderr otherwise.\n' +
        'Codes: malformed, unknown-key, bad-signature, forbidden-field, and with --config also wrong-target,\n' +
        'schema-invalid, local-config-invalid.',
    )
    .action((file: string, options: { pub: string; config?: string }) => {
      const pubText = readText(options.pub);
      if (!pubText.ok) return fail(`${options.pub}: ${pubText.problem}`);
      const pub = parsePublicKeyFile(pubText.text);
      if (!pub.ok) return fail(`${options.pub}: ${pub.problem}`);
      const bundleText = readText(file);
      if (!bundleText.ok) return fail(`${file}: ${bundleText.problem}`);
      const invalid = (rejection: BundleRejection) => {
        const lines = [`${file}: INVALID ${rejection.code}: ${rejection.message}`];
        for (const problem of rejection.problems ?? []) lines.push(`  ${formatConfigProblem(problem)}`);
        fail(lines.join('\n'));
      };

      if (options.config) {
        const local = readLocalBundleContext(options.config);
        if (!local.ok) {
          return invalid({
            code: 'local-config-invalid',
            message: `${options.config} is not a valid terminal config`,
            problems: local.problems,
          });
        }
        const verdict = verifyConfigBundle(bundleText.text, {
          terminalId: local.terminalId,
          // Trust exactly the key given, with the groups of the terminal file.
          settings: { ...local.settings, trustedAdminKeys: [pub.key] },
          localLayers: local.layers,
          history: { lastAppliedVersion: 0, seen: () => undefined },
          now: now(),
        });
        if (verdict.kind === 'reject') return invalid(verdict.rejection);
        const when = verdict.kind === 'hold' ? `held until ${new Date(verdict.activateAt).toISOString()}` : 'applies at once';
        context.out(`${summary(verdict.authentic)}; valid for ${local.terminalId} (${when})\n`);
        return;
      }

      const authenticated = authenticateConfigBundle(bundleText.text, [pub.key]);
      if (!authenticated.ok) return invalid(authenticated.rejection);
      const forbidden = findForbiddenRemoteFields(authenticated.authentic.bundle.config);
      if (forbidden.length > 0) {
        return invalid({
          code: 'forbidden-field',
          message: `a remote bundle may not set ${forbidden.join(', ')}: every terminal would reject it`,
          fields: forbidden,
        });
      }
      context.out(`${summary(authenticated.authentic)}\n`);
    });
}

function summary({ bundle, digest }: AuthenticBundle): string {
  const fields = Object.keys(bundle.config);
  return (
    `OK bundle v${bundle.version} signed by "${bundle.keyId}" (${bundle.algorithm}) at ${bundle.issuedAt}, ` +
    `sha256 ${digest.slice(0, 16)}; targets ${describeTargets(bundle)}; ` +
    `${bundle.activateAt ? `activates ${bundle.activateAt}` : 'activates on receipt'}; ` +
    `sets ${fields.length ? fields.join(', ') : 'nothing'}`
  );
}

function readText(file: string): { ok: true; text: string } | { ok: false; problem: string } {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, problem: describeFsError(error) };
  }
}

function warnIfReadableByOthers(file: string, context: CliContext): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) {
      context.err(`warning: ${file} can be read by other users; make it private with: chmod 600 ${file}\n`);
    }
  } catch {
    // Already read successfully; a failing stat changes nothing about the signature.
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file or directory not found';
  if (code === 'EEXIST') return 'file exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return error instanceof Error ? error.message : String(error);
}

function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError('must be a whole number of 1 or more');
  }
  return value;
}
