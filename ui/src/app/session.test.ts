import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../ipc/fake';
import { IDLE_NOTE, Session, lockNoteFromUrl } from './session.svelte';

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

  it('starts at the lock screen with that note', async () => {
    const session = new Session(new FakeBackend({ passphrase: 'harbour lantern quietly' }));
    await session.start(IDLE_NOTE);
    expect(session.screen).toMatchObject({ name: 'locked', note: IDLE_NOTE });
  });
});
