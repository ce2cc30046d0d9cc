// The python tier's Python: an interpreter with PyTorch and numpy (or a failure saying what to install), and script runs.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const INSTALL_HINT =
  'The python tier needs Python 3.9+ with PyTorch 1.13+ and numpy. On Debian/Ubuntu run `apt-get install -y python3-torch python3-numpy` ' +
  '(used as /usr/bin/python3), or point PYTHON at an interpreter that has them.';

let found: string | undefined;

/** PYTHON if set, else the first of python3 and /usr/bin/python3 that imports torch and numpy (probed once per process). */
export function findPython(env: NodeJS.ProcessEnv = process.env): string {
  found ??= probePython(env);
  return found;
}

function probePython(env: NodeJS.ProcessEnv): string {
  const candidates = env.PYTHON ? [env.PYTHON] : ['python3', '/usr/bin/python3'];
  const problems: string[] = [];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import sys, numpy, torch; print(sys.version.split()[0], torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return python;
    problems.push(`${python}: ${(probe.stderr || probe.error?.message || 'failed').trim().split('\n').at(-1)}`);
  }
  throw new Error(`${INSTALL_HINT}\nTried ${problems.join('; ')}`);
}

export interface ScriptRun {
  /** Everything it printed, stdout and stderr together. */
  output: string;
}

/** Runs `python script args` with extra environment variables; rejects with its output when it exits non-zero. */
export function runPython(python: string, script: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, ...args], { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ output }) : reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
}

/**
 * Runs the script on `processes` processes with the environment variables torchrun sets (RANK, LOCAL_RANK, WORLD_SIZE,
 * MASTER_ADDR, MASTER_PORT…), one thread each, as torchrun does; resolves with rank 0's run.
 */
export async function runDistributed(python: string, script: string, args: string[], processes: number): Promise<ScriptRun> {
  const port = await freePort();
  const world = { WORLD_SIZE: String(processes), LOCAL_WORLD_SIZE: String(processes), MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), OMP_NUM_THREADS: '1' };
  const runs = Array.from({ length: processes }, (_, rank) => runPython(python, script, args, { ...world, RANK: String(rank), LOCAL_RANK: String(rank), GROUP_RANK: '0' }));
  return (await Promise.all(runs))[0]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
