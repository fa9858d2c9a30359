import { describe, expect, it } from 'vitest';
import { testEngine } from '../test/engine';
import { DAMAGED_NOTE, IDLE_NOTE, Session, lockNoteFromUrl, statusFromPage } from './session.svelte';

describe('the page after a lock', () => {
  it('reads why it was locked from the URL once, then forgets it', () => {
    window.history.replaceState(null, '', '/index.html#locked=idle');
    expect(lockNoteFromUrl(window.location, window.history)).toBe(IDLE_NOTE);
    expect(window.location.hash).toBe('');
    expect(lockNoteFromUrl(window.location, window.history)).toBeNull();
    window.history.replaceState(null, '', '/index.html#locked=user');
    expect(lockNoteFromUrl(window.location, window.history)).toBeNull();
    expect(window.location.hash).toBe('');
    window.history.replaceState(null, '', '/index.html#locked=<script>');
    expect(lockNoteFromUrl(window.location, window.history)).toBeNull();
  });

  it('says so when the shell locked because the file check found damage', () => {
    window.history.replaceState(null, '', '/index.html#locked=damaged');
    expect(lockNoteFromUrl(window.location, window.history)).toBe(DAMAGED_NOTE);
    expect(DAMAGED_NOTE).toContain('without writing');
    expect(DAMAGED_NOTE).toContain('backup');
  });

  it('goes to the lock screen with the damage note when the shell says so', () => {
    const session = new Session(testEngine({ passphrase: 'harbour lantern quietly' }));
    session.opened({ exists: true, unlocked: true, folder: '/nb', demo: false });
    session.lockedByShell('damaged');
    expect(session.screen).toMatchObject({ name: 'locked', note: DAMAGED_NOTE });
    session.opened({ exists: true, unlocked: true, folder: '/nb', demo: false });
    session.lockedByShell('idle');
    expect(session.screen).toMatchObject({ name: 'locked', note: IDLE_NOTE });
  });

  it('starts at the lock screen with that note', async () => {
    const session = new Session(testEngine({ passphrase: 'harbour lantern quietly' }));
    await session.start(IDLE_NOTE);
    expect(session.screen).toMatchObject({ name: 'locked', note: IDLE_NOTE });
  });
});

describe('the status the shell wrote into the page', () => {
  const meta = (content: string) => {
    const element = document.createElement('meta');
    element.name = 'casebook-status';
    element.content = content;
    document.head.append(element);
  };

  it('is read once, only when it is a status, and taken out of the page', () => {
    const status = { exists: true, unlocked: false, folder: '/home/ana/"Casebook" <1>', demo: false };
    expect(statusFromPage(document)).toBeNull();
    meta(JSON.stringify({ ...status, extra: 'ignored' }));
    expect(statusFromPage(document)).toEqual(status);
    expect(document.querySelector('meta[name="casebook-status"]')).toBeNull();
    for (const bad of ['', 'null', '[]', '{"exists":"yes","unlocked":false,"folder":"/x","demo":false}', '{"exists":true}', '{nope']) {
      meta(bad);
      expect(statusFromPage(document), bad).toBeNull();
      expect(document.querySelector('meta[name="casebook-status"]')).toBeNull();
    }
  });

  it('draws the first screen at once, and the engine’s own answer corrects it', async () => {
    const engine = testEngine({ passphrase: 'harbour lantern quietly' });
    const real = await engine.notebookStatus();
    const wrong = { exists: !real.exists, unlocked: false, folder: '/not/this/one', demo: false };
    const session = new Session(engine);
    const started = session.start(IDLE_NOTE, wrong);
    expect(session.screen).toEqual({ name: 'locked', status: wrong, note: IDLE_NOTE });
    await started;
    expect(session.screen).toEqual({ name: 'locked', status: real, note: IDLE_NOTE });
  });

  it('keeps the first screen when the engine agrees, and never replaces one the therapist moved to', async () => {
    const engine = testEngine({ passphrase: 'harbour lantern quietly' });
    const real = await engine.notebookStatus();
    const session = new Session(engine);
    const started = session.start(null, real);
    const first = session.screen;
    expect(first).toMatchObject({ name: 'locked', status: real });
    await started;
    expect(session.screen).toBe(first);

    const moving = session.start(null, { ...real, folder: '/stale' });
    session.opened(real);
    await moving;
    expect(session.screen).toMatchObject({ name: 'open' });
  });
});
