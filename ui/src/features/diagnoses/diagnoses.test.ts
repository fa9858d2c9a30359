import { screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { goTo, newCase, openCase, openNotebook } from '../../test/cases';

describe('diagnoses', () => {
  it('picks from the catalogue, names the code system on every code, and records specifiers and status', async () => {
    let caseId = 0;
    const { user, engine } = await openNotebook(async (engine) => {
      caseId = (await engine.createCase({ input: newCase('Ada Example') })).id;
    });
    await openCase(user, 'Ada Example');
    await goTo(user, 'diagnoses');
    await user.click(await screen.findByTestId('add-diagnosis'));
    // The case's own difficulty comes first in the catalogue.
    await user.selectOptions(screen.getByTestId('diagnosis-entry'), screen.getByRole('option', { name: /Genito-pelvic.*★/ }));
    expect(screen.getByTestId('diagnosis-name')).toHaveValue('Genito-pelvic pain/penetration disorder');
    expect(screen.getByTestId('diagnosis-code')).toHaveValue('F52.6');
    await user.selectOptions(screen.getByTestId('diagnosis-system'), 'icd11');
    expect(screen.getByTestId('diagnosis-code')).toHaveValue('HA20');
    await user.selectOptions(screen.getByLabelText('Course'), 'lifelong');
    await user.click(screen.getByTestId('diagnosis-save'));

    const item = await screen.findByTestId('diagnosis');
    expect(within(item).getByTestId('diagnosis-code-shown')).toHaveTextContent('ICD-11 HA20');
    expect(item).toHaveTextContent('Provisional · Lifelong');
    expect((await engine.listDiagnoses({ caseId }))[0]).toMatchObject({ catalogueEntry: 6, code: { system: 'icd11', code: 'HA20' }, course: 'lifelong' });

    // Free entry; the engine tidies the code and refuses a malformed one at its field.
    await user.click(screen.getByTestId('add-diagnosis'));
    await user.type(screen.getByTestId('diagnosis-name'), 'Other specified sexual dysfunction');
    await user.type(screen.getByTestId('diagnosis-code'), 'F52 8');
    await user.click(screen.getByTestId('diagnosis-save'));
    expect(await screen.findByTestId('error-code.code')).toHaveTextContent('letters, digits and dots');
  });
});
