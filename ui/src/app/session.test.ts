import { describe, expect, it } from 'vitest';
import { testEngine } from '../test/engine';
import { DAMAGED_NOTE, IDLE_NOTE, Session, lockNoteFromUrl } from './session.svelte';

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
