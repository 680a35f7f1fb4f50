// The built `kenes` command in its own process, for tests that need a real server: build dist/ once
// per run, run a command, start `serve` on a free port, stop it or kill it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const main = path.join(root, 'dist', 'main.js');

/**
 * Builds dist/ once per test run, however many files ask: the build empties dist/ first, so a second
 * build while another file's server runs would pull its modules from under it.
 */
export async function ensureBuilt(): Promise<void> {
  const runId = inject('runId');
  const marker = path.join(root, 'dist', '.built-for-test-run');
  const builtThisRun = () => existsSync(marker) && readFileSync(marker, 'utf8') === runId;
  if (builtThisRun()) return;
  const lock = path.join(os.tmpdir(), `kenes-build-${runId}.lock`);
  let building = true;
  try {
    mkdirSync(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    building = false;
  }
  if (building) {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
      writeFileSync(marker, runId);
      rmSync(lock, { recursive: true, force: true });
    } catch (err) {
      writeFileSync(path.join(lock, 'failed'), String((err as { stderr?: Buffer }).stderr ?? err));
      throw err;
    }
    return;
  }
  const deadline = Date.now() + 120_000;
  while (!builtThisRun()) {
    const failed = path.join(lock, 'failed');
    if (existsSync(failed)) throw new Error(`the build failed in another test file:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > deadline) throw new Error('waited 120 s for another test file to build dist/');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** This process's environment without Kenes settings, plus the given ones. */
export function kenesEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KENES_') && k !== 'DATABASE_URL' && k !== 'PORT'));
  return { ...clean, LOG_LEVEL: 'warn', CI: '1', ...extra };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runKenes(args: string[], extra: Record<string, string>, options: { cwd: string; input?: string }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], { env: kenesEnv(extra), cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface KenesServer {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `kenes serve` and resolves once /readyz answers 200. */
export async function startServer(extra: Record<string, string>, options: { cwd: string; timeoutMs?: number }): Promise<KenesServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [main, 'serve'], { env: kenesEnv({ ...extra, PORT: String(port), HOST: '127.0.0.1' }), cwd: options.cwd });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`kenes serve exited: ${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > (options.timeoutMs ?? 60_000)) {
      child.kill('SIGKILL');
      throw new Error(`kenes serve did not answer in time: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, url, output: () => output, exited };
}

/** SIGTERM: the graceful shutdown; resolves with the exit code. */
export function stopServer(server: KenesServer): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

/** SIGKILL: no shutdown at all, as a crash or the OOM killer would end it. */
export async function killServer(server: KenesServer): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}
