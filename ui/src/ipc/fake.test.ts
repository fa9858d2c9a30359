// The fake must keep the engine's rules, or the screen tests that use it prove nothing.

import { describe, expect, it } from 'vitest';
import { FakeBackend } from './fake';

const GOOD = 'harbour lantern quietly';
const NEXT = 'violet-otter-mosaic-17';

describe('FakeBackend', () => {
  it('creates a notebook only with an acceptable passphrase, and leaves it unlocked', async () => {
    const fake = new FakeBackend();
    await expect(fake.createNotebook({ passphrase: 'short' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'passphrase',
    });
    await expect(fake.createNotebook({ passphrase: 'password123' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'passphrase',
      message: expect.stringMatching(/very easy to guess/),
    });
    expect((await fake.notebookStatus()).exists).toBe(false);

    const view = await fake.createNotebook({ passphrase: GOOD });
    expect(view.groups).toHaveLength(8);
    expect(view.groups.every((g) => /^[0-9A-HJKMNP-TV-Z]{4}$/.test(g))).toBe(true);
    expect(await fake.notebookStatus()).toMatchObject({ exists: true, unlocked: true });
    await expect(fake.createNotebook({ passphrase: GOOD })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('throttles after five wrong passphrases, then lets the right one in once the wait is over', async () => {
    let now = 0;
    const fake = new FakeBackend({ passphrase: GOOD, now: () => now });
    for (let i = 0; i < 5; i++) {
      await expect(fake.unlock({ passphrase: 'wrong guess' })).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    }
    await expect(fake.unlock({ passphrase: GOOD })).rejects.toMatchObject({
      kind: 'throttled',
      retryAfterSecs: 1,
    });
    now += 1000;
    await expect(fake.unlock({ passphrase: 'wrong again' })).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    await expect(fake.unlock({ passphrase: GOOD })).rejects.toMatchObject({ retryAfterSecs: 2 });
    now += 2000;
    expect(await fake.unlock({ passphrase: GOOD })).toMatchObject({ unlocked: true });
  });

  it('unlocks with the recovery code as typed from paper, replacing the passphrase', async () => {
    const fake = new FakeBackend({ passphrase: GOOD });
    const typed = fake.recoveryGroups.join(' ').toLowerCase();
    await expect(
      fake.unlockWithRecovery({ recoveryCode: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', newPassphrase: NEXT }),
    ).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    await expect(fake.unlockWithRecovery({ recoveryCode: 'ABCD', newPassphrase: NEXT })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'recoveryCode',
    });
    await expect(fake.unlockWithRecovery({ recoveryCode: typed, newPassphrase: 'tiny' })).rejects.toMatchObject({
      field: 'newPassphrase',
    });
    await fake.unlockWithRecovery({ recoveryCode: typed, newPassphrase: NEXT });
    await fake.lock();
    await expect(fake.unlock({ passphrase: GOOD })).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    expect(await fake.unlock({ passphrase: NEXT })).toMatchObject({ unlocked: true });
  });

  it('answers locked to every data call while locked', async () => {
    const fake = new FakeBackend({ passphrase: GOOD });
    await expect(fake.getSettings()).rejects.toMatchObject({ kind: 'locked' });
    await expect(fake.touch()).rejects.toMatchObject({ kind: 'locked' });
    await expect(
      fake.updateSettings({ settings: { therapistName: 'A', autoLockMinutes: 5, practiceName: '', registrationNumber: '', practiceContact: '' } }),
    ).rejects.toMatchObject({ kind: 'locked' });
    await expect(fake.changePassphrase({ oldPassphrase: GOOD, newPassphrase: NEXT })).rejects.toMatchObject({
      kind: 'locked',
    });
  });

  it('validates settings with the engine bounds and trims the name', async () => {
    const fake = new FakeBackend({ passphrase: GOOD, unlocked: true });
    await expect(
      fake.updateSettings({ settings: { therapistName: 'A', autoLockMinutes: 0, practiceName: '', registrationNumber: '', practiceContact: '' } }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'autoLockMinutes' });
    await expect(
      fake.updateSettings({ settings: { therapistName: 'x'.repeat(121), autoLockMinutes: 10, practiceName: '', registrationNumber: '', practiceContact: '' } }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'therapistName' });
    expect(
      await fake.updateSettings({ settings: { therapistName: '  Dr A. Naidoo ', autoLockMinutes: 240, practiceName: '', registrationNumber: '', practiceContact: '' } }),
    ).toEqual({ therapistName: 'Dr A. Naidoo', autoLockMinutes: 240, practiceName: '', registrationNumber: '', practiceContact: '' });
    expect(await fake.getSettings()).toEqual({ therapistName: 'Dr A. Naidoo', autoLockMinutes: 240, practiceName: '', registrationNumber: '', practiceContact: '' });
  });

  it('refuses a wrong current passphrase on change as an invalid oldPassphrase', async () => {
    const fake = new FakeBackend({ passphrase: GOOD, unlocked: true });
    await expect(fake.changePassphrase({ oldPassphrase: 'not it at all', newPassphrase: NEXT })).rejects.toEqual({
      kind: 'invalid',
      field: 'oldPassphrase',
      message: 'The current passphrase is not right.',
    });
    await fake.changePassphrase({ oldPassphrase: GOOD, newPassphrase: NEXT });
    expect(fake.currentPassphrase).toBe(NEXT);
  });
});
