import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Writes platformApiText.ts: the OpenAPI document as a string constant, so that bundles
 * (out/cli/kioskctl.mjs) carry the contract without reading a file next to themselves.
 * Run after every change of the YAML: `npx tsx electron/platform/embedPlatformApi.ts`.
 * A unit test fails while the two differ.
 */

export const CONTRACT_YAML_PATH = fileURLToPath(new URL('./platformApi.openapi.yaml', import.meta.url));
export const EMBEDDED_CONTRACT_PATH = fileURLToPath(new URL('./platformApiText.ts', import.meta.url));

export function renderEmbeddedContractModule(yamlText: string): string {
  return [
    '// Generated from platformApi.openapi.yaml by `npx tsx electron/platform/embedPlatformApi.ts`. Do not edit.',
    `export const PLATFORM_API_YAML = ${JSON.stringify(yamlText)};`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(EMBEDDED_CONTRACT_PATH, renderEmbeddedContractModule(readFileSync(CONTRACT_YAML_PATH, 'utf8')));
  process.stdout.write(`wrote ${EMBEDDED_CONTRACT_PATH}\n`);
}
