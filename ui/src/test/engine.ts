/// <reference types="node" />
// The real engine for the UI's tests: `casebook-serve` (crates/casebook-serve) runs the engine's
// command table over a pipe, one JSON object per line, and this backend talks to it. Screens are
// tested against the engine's own rules, messages and answers; nothing here re-implements them.
//
// Each test file starts the server once (each file runs in its own worker) and every
// `testEngine()` gives it a new notebook in a new temporary folder, with the fast test KDF and a
// manual clock. The test controls are not part of the app's contract: counting calls, failing
// the next call of a command (to see how a screen shows an error the engine rarely gives), the
// shell's idle lock, and how the native dialogs answer.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';
import type { Backend, NotebookLocked } from '../ipc/backend';
import type { ErrorReply, Settings } from '../ipc/bindings';
import { COMMANDS, commandClient, type Commands } from '../ipc/commands';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The path of the built `casebook-serve` (global-setup.ts). */
    casebookServe: string;
  }
}

type Waiting = { resolve: (value: unknown) => void; reject: (reason: unknown) => void };

/** The one server process of this test file. */
class Pipe {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, Waiting>();
  private next = 1;
  private ended: Error | null = null;

  constructor(path: string) {
    this.child = spawn(path, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id: number; ok?: unknown; error?: ErrorReply };
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (!waiting) return;
      if ('error' in message) waiting.reject(message.error);
      else waiting.resolve(message.ok);
    });
    this.child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    this.child.on('exit', (code) => {
      this.ended = new Error(`casebook-serve ended (${code})`);
      for (const waiting of this.waiting.values()) waiting.reject(this.ended);
      this.waiting.clear();
    });
    // The worker ends when its tests do; the server then reads the end of its input and exits.
    this.child.unref();
    process.once('exit', () => this.child.kill());
  }

  send(command: string, args: unknown): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, command, args: args ?? null })}\n`);
    });
  }
}

let shared: Pipe | undefined;

function pipe(): Pipe {
  shared ??= new Pipe(process.env.CASEBOOK_SERVE ?? inject('casebookServe'));
  return shared;
}

export interface EngineOptions {
  /** The notebook's passphrase; when given, the notebook exists (and is locked unless `unlocked`). */
  passphrase?: string;
  unlocked?: boolean;
  /** The engine's calendar day (YYYY-MM-DD), at 09:30; the real day when not given. */
  today?: string;
  settings?: Settings;
}

/** How the next native dialogs answer: `true` picks the server's own folder or file, `false` cancels. */
export interface DialogAnswers {
  folder?: boolean;
  backupFile?: boolean;
  save?: boolean;
}

export type Method = keyof Commands;

export interface TestEngine extends Backend {
  /** Resolves once the notebook is made: its folder and recovery code. */
  readonly ready: Promise<{ folder: string; recoveryGroups: string[] }>;
  /** Every call the window made, by method name, with its arguments. */
  readonly calls: { command: Method; args?: unknown }[];
  count(command: Method): number;
  /** The next call of `command` rejects with `reply` instead of reaching the engine. */
  failNext(command: Method, reply: ErrorReply): void;
  /** What the shell's idle timer does: the engine locks, then the window hears `notebook-locked`. */
  lockForIdle(): Promise<void>;
  /** The engine locks without telling the window (it finds out on its next call). */
  lockQuietly(): Promise<void>;
  /** Moves the engine's clock on. */
  advance(seconds: number): Promise<void>;
  dialogs(answers: DialogAnswers): Promise<void>;
  /** The names of what exports wrote into the server's export folder. */
  written(): Promise<string[]>;
}

/** A new notebook in the real engine, and the backend the window uses to reach it. */
export function testEngine(options: EngineOptions = {}): TestEngine {
  const server = pipe();
  const ready = server.send('test:reset', options) as Promise<{ folder: string; recoveryGroups: string[] | null }>;
  const calls: TestEngine['calls'] = [];
  const injected = new Map<Method, ErrorReply>();
  const listeners = new Set<(event: NotebookLocked) => void>();
  const methodOf = new Map(Object.entries(COMMANDS).map(([method, [command]]) => [command as string, method as Method]));

  const client = commandClient(async (command, args) => {
    const method = methodOf.get(command)!;
    // As IPC carries them: JSON (which also drops Svelte's state proxies).
    const given = Object.keys(args).length === 0 ? undefined : (JSON.parse(JSON.stringify(args)) as unknown);
    calls.push(given === undefined ? { command: method } : { command: method, args: given });
    const failure = injected.get(method);
    if (failure) {
      injected.delete(method);
      throw failure;
    }
    return server.send(command, args);
  });

  const lock = async (tell: boolean) => {
    await server.send('test:idle_lock', null);
    if (tell) for (const listener of listeners) listener({ reason: 'idle' });
  };

  return {
    ...client,
    ready: ready.then((made) => ({ folder: made.folder, recoveryGroups: made.recoveryGroups ?? [] })),
    calls,
    count: (command) => calls.filter((c) => c.command === command).length,
    failNext: (command, reply) => void injected.set(command, reply),
    lockForIdle: () => lock(true),
    lockQuietly: () => lock(false),
    advance: async (seconds) => void (await server.send('test:advance', { seconds })),
    dialogs: async (answers) => void (await server.send('test:dialogs', answers)),
    written: () => server.send('test:written', null) as Promise<string[]>,
    onNotebookLocked: async (handler) => {
      listeners.add(handler);
      return () => void listeners.delete(handler);
    },
  };
}
