import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook, throughIntake } from '../../test/cases';

describe('the measures catalogue in Settings', () => {
  it('lists the built-in measures with what is included of each', async () => {
    const { user } = await openNotebook();
    await user.click(screen.getByTestId('nav-settings'));
    const catalogue = await screen.findByTestId('measure-catalogue');
    const entries = await within(catalogue).findAllByTestId('catalogue-measure');
    expect(entries.map((e) => e.dataset.code)).toEqual(['phq9', 'gad7', 'iief5', 'fsfi', 'pedt', 'core10', 'csi16']);
    expect(entries[0]).toHaveTextContent('Item text included, free to reproduce');
    expect(entries[0]).toHaveTextContent('Scores 0 to 27, higher is worse; a meaningful change is 5 points.');
    expect(entries[0]).toHaveTextContent('Bands: Minimal 0–4 · Mild 5–9');
    expect(entries[3]).toHaveTextContent('Score entry only');
    expect(entries[3]).toHaveTextContent('Scores 2 to 36, higher is better.');
  });

  it('adds a custom measure, which is then offered when giving a measure', async () => {
    const { user, engine } = await openNotebook(async (engine) => {
      const kase = await engine.createCase({ input: newCase('Ada Example') });
      await throughIntake(engine, kase);
    });
    await user.click(screen.getByTestId('nav-settings'));
    await user.click(await screen.findByTestId('add-custom-measure'));
    const form = await screen.findByTestId('custom-measure-form');
    await user.type(within(form).getByTestId('custom-name'), 'Desire diary');
    await user.type(within(form).getByTestId('custom-construct'), 'Sexual desire');
    await user.type(within(form).getByTestId('custom-min'), '0');
    await user.type(within(form).getByTestId('custom-max'), '10');
    await user.click(within(form).getByTestId('custom-direction-higher_is_better'));
    await user.type(within(form).getByTestId('band-0-label'), 'Low');
    await user.click(within(form).getByTestId('add-band'));
    // The band before the last now ends where she says; the next starts a step above.
    await user.type(within(form).getByTestId('band-0-to'), '12');
    await user.type(within(form).getByTestId('band-1-label'), 'Usual');
    await user.click(within(form).getByTestId('custom-save'));
    expect(await within(form).findByTestId('error-bands.0.to')).toHaveTextContent(
      'A band ends at or after it starts, within the range.',
    );
    await user.clear(within(form).getByTestId('band-0-to'));
    await user.type(within(form).getByTestId('band-0-to'), '3');
    const rows = within(form).getAllByTestId('band-row');
    expect(rows[1]).toHaveTextContent(/^4\s*to\s*10/);
    await user.type(within(form).getByTestId('custom-meaningful'), '2');
    await user.click(within(form).getByTestId('custom-save'));

    expect(await screen.findByTestId('custom-added')).toHaveTextContent('Desire diary added to your measures.');
    const own = await screen.findByTestId('custom-measures');
    await waitFor(() => expect(own).toHaveTextContent('Desire diary — Sexual desire'));
    expect(own).toHaveTextContent('Scores 0 to 10, higher is better; a meaningful change is 2 points.');
    expect(own).toHaveTextContent('Bands: Low 0–3 · Usual 4–10');
    expect((await engine.listMeasures()).at(-1)).toMatchObject({ name: 'Desire diary', custom: true, licence: 'score_entry' });

    await user.click(screen.getByTestId('nav-cases'));
    await openCase(user, 'Ada Example');
    await goTo(user, 'measures');
    await user.click(await screen.findByTestId('give-measure'));
    const give = await screen.findByTestId('measure-form');
    const choice = within(give).getByTestId('measure-choice');
    const group = choice.querySelector('optgroup[label="Your measures"]');
    expect(group).toHaveTextContent('Desire diary — Sexual desire');
    await user.selectOptions(choice, within(give).getByRole('option', { name: 'Desire diary — Sexual desire' }));
    expect(within(give).getByTestId('measure-about')).toHaveTextContent('Sexual desire. Scores 0 to 10, higher is better. Score entry only (your own measure).');
    await user.type(within(give).getByTestId('measure-total-input'), '3');
    expect(within(give).getByTestId('measure-band')).toHaveTextContent('Low');
    await user.click(within(give).getByTestId('measure-save'));
    expect(await screen.findByTestId('measure-saved')).toHaveTextContent('Desire diary for Ada Example on 10 Mar 2025: 3 (Low), signed.');
  });
});
