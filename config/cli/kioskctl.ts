import { fileURLToPath } from 'node:url';
import { runKioskctlCli } from './runKioskctlCli.js';

// Two levels below the app root, both as source (config/cli/) and bundled (out/cli/).
const appRoot = fileURLToPath(new URL('../../', import.meta.url));

process.exitCode = await runKioskctlCli(process.argv.slice(2), appRoot);
