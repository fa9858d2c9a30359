// The note under the unlock button when opening takes more than a second (a large notebook, or
// the search index built once after an update).

import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SlowOpening from './SlowOpening.svelte';

describe('a slow opening', () => {
  it('says after a second that the notebook is opening, with the seconds and why', async () => {
    render(SlowOpening, { busy: true });
    expect(screen.queryByTestId('opening-progress')).not.toBeInTheDocument();
    const note = await screen.findByTestId('opening-progress', {}, { timeout: 2500 });
    expect(note).toHaveTextContent(/Opening the notebook… \d+ s/);
    expect(note).toHaveTextContent('search index');
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
  });

  it('shows nothing while nothing is opening', async () => {
    render(SlowOpening, { busy: false });
    await new Promise((r) => setTimeout(r, 1200));
    expect(screen.queryByTestId('opening-progress')).not.toBeInTheDocument();
  });
});
