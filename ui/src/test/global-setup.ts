/// <reference types="node" />
// Builds the engine's test server once before the UI's tests (incremental: a second or two when
// nothing changed) and tells every test file where it is. `CASEBOOK_SERVE` names a built one.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  let path = process.env.CASEBOOK_SERVE;
  if (!path) {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const out = execFileSync('cargo', ['build', '-q', '-p', 'casebook-serve', '--message-format=json'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 256 * 1024 * 1024,
    });
    for (const line of out.split('\n')) {
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as { reason?: string; target?: { name?: string }; executable?: string | null };
      if (message.reason === 'compiler-artifact' && message.target?.name === 'casebook-serve' && message.executable) {
        path = message.executable;
      }
    }
  }
  if (!path) throw new Error('casebook-serve was not built');
  project.provide('casebookServe', path);
}
