import { spawn } from 'node:child_process';

/** Two pseudo-terminals wired back to back by socat: bytes written to one are read on the other. */
export interface PtyPair {
  /** e.g. /dev/pts/3: the kiosk side in driver tests. */
  readonly hostPath: string;
  /** e.g. /dev/pts/4: the simulator side. */
  readonly devicePath: string;
  /** Kills socat, which hangs up both ends (the cable is pulled); resolves once it has exited. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 5_000;

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and waits until socat reports the
 * two /dev/pts paths and its transfer loop (only then do bytes flow). Raw mode with no
 * echo, so the line discipline passes every byte (0x0D, 0x11, 0x13 included) unchanged.
 */
export function startSocatPtyPair(): Promise<PtyPair> {
  const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
    await exited;
  };

  return new Promise<PtyPair>((resolve, reject) => {
    let log = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`socat pty pair: ${why}\n${log}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    socat.once('error', (error) => fail(`cannot start socat (${error.message}); is it installed?`));
    const onEarlyExit = (code: number | null): void => fail(`socat exited early with ${code}`);
    socat.once('exit', onEarlyExit);
    socat.stderr.setEncoding('utf8');
    const onLog = (text: string): void => {
      log += text;
      const paths = [...log.matchAll(/PTY is (\S+)/g)].map((match) => match[1]);
      const [hostPath, devicePath] = paths;
      if (!hostPath || !devicePath || !log.includes('starting data transfer loop')) return;
      clearTimeout(timer);
      socat.off('exit', onEarlyExit);
      socat.stderr.off('data', onLog);
      socat.stderr.resume(); // keep draining, so socat never blocks on a full stderr pipe
      resolve({ hostPath, devicePath, stop });
    };
    socat.stderr.on('data', onLog);
  });
}
