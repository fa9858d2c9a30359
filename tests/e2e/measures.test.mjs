// Outcome measures in the real window: two PHQ-9s given a month apart, the first raising the
// item-9 risk prompt (refused without the action taken, then saved), the trend chart with both
// points and a meaningful improvement, and the supervision summary's measures table in weeks.
// Screenshots of the form, the prompt and the chart land in tests/e2e/artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createNotebook, setValue, chooseByText, dayFromToday, scrollTo, click, type, openSection as section } from './app.mjs';

/**
 * Answers every PHQ-9 item with `value`, item 9 with `item9`, as a click on each answer's label
 * does (the radio itself sits under its styled label).
 */
async function answerPhq9(s, value, item9) {
  for (let i = 0; i < 9; i += 1) {
    const testid = `item-${i}-${i === 8 ? item9 : value}`;
    await s.waitFor(`[data-testid="${testid}"]`);
    await s.execute(`document.querySelector('[data-testid="' + arguments[0] + '"]').closest('label').click();`, [testid]);
  }
}

test('two PHQ-9s make a trend, item 9 needs the action taken, and the summary has them', async () => {
  const app = await launch();
  const s = app.session;
  try {
    await createNotebook(s);
    await click(s, 'nav-settings');
    await (await s.waitFor('[data-testid="settings-name"]')).fill('Dr Casey Walker');
    await click(s, 'settings-save');
    await s.waitFor('[data-testid="settings-saved"]');
    await click(s, 'nav-cases');

    await click(s, 'new-case');
    await type(s, 'client-fullName', 'Morgan Measure');
    await setValue(s, '[name="firstContactOn"]', dayFromToday(-60));
    await click(s, 'difficulty-erectile_dysfunction');
    await click(s, 'create-case');
    await s.waitFor('[data-testid="case-page"]');

    // The first PHQ-9, six weeks ago: item 9 answered above 0.
    await section(s, 'measures');
    await s.waitFor('[data-testid="measures-view"]');
    await click(s, 'give-measure');
    await s.waitFor('[data-testid="measure-form"]');
    await chooseByText(s, '[data-testid="measure-choice"]', 'PHQ-9');
    await setValue(s, '[name="givenOn"]', dayFromToday(-42));
    await answerPhq9(s, 2, 1);
    await s.waitForText('[data-testid="measure-total"]', (t) => t.trim() === '17');
    await s.waitForText('[data-testid="measure-band"]', (t) => t.includes('Moderately severe'));
    await s.waitFor('[data-testid="risk-prompt"]');
    await scrollTo(s, '[data-testid="risk-prompt"]');
    await app.shot('measures-01-risk-prompt');
    await click(s, 'measure-save');
    const refusal = await s.waitForText('[data-testid="measure-form"]', (t) => /action taken/i.test(t) && /record/i.test(t));
    assert.match(refusal, /Action taken/);
    assert.equal((await s.findAll('[data-testid="measure-saved"]')).length, 0, 'nothing saved');
    await type(s, 'measure-risk-action', 'Asked directly: passive thoughts, no plan or intent. Safety plan made together.');
    await click(s, 'measure-save');
    await s.waitForText('[data-testid="measure-saved"]', (t) => /PHQ-9/.test(t) && /signed/.test(t));

    // The second, a week ago: better by 9 points.
    await click(s, 'give-measure');
    await s.waitFor('[data-testid="measure-form"]');
    await chooseByText(s, '[data-testid="measure-choice"]', 'PHQ-9');
    await setValue(s, '[name="givenOn"]', dayFromToday(-7));
    await answerPhq9(s, 1, 0);
    await s.waitForText('[data-testid="measure-total"]', (t) => t.trim() === '8');
    await app.shot('measures-02-phq9-form');
    await click(s, 'measure-save');
    await s.waitForText('[data-testid="measure-saved"]', (t) => /8 \(Mild\)/.test(t));

    // The trend: two points, baseline and latest, a meaningful improvement by the measure's own rule.
    const chart = await s.waitFor('[data-testid="trend"][data-measure="phq9"] [data-testid="trend-chart"][data-points="2"]');
    assert.ok(chart);
    const label = await s.execute(
      `return document.querySelector('[data-testid="trend"][data-measure="phq9"] [data-testid="trend-svg"]').getAttribute('aria-label');`,
    );
    assert.match(label, /17/);
    assert.match(label, /8/);
    const baseline = await (await s.find('[data-testid="trend"][data-measure="phq9"] [data-testid="trend-baseline"]')).text();
    assert.match(baseline, /17 \(Moderately severe\)/);
    const meaningful = await (await s.find('[data-testid="trend"][data-measure="phq9"] [data-testid="trend-meaningful"]')).text();
    assert.match(meaningful, /improve/i);
    await scrollTo(s, '[data-testid="measure-trends"]');
    await app.shot('measures-03-trend-chart');

    // The supervision summary, de-identified: the measures table, in weeks, naming nobody.
    await click(s, 'export-button');
    await s.waitFor('[data-testid="export-dialog"]');
    await (await s.find('[data-testid="export-question"]')).type('Is the mood improving enough to start sensate focus?');
    await click(s, 'export-format-markdown');
    await click(s, 'export-preview-button');
    const table = await s.waitForText('[data-testid="export-preview"] [data-testid="preview-measures"]', (t) => t.includes('PHQ-9'), { timeout: 30000 });
    assert.match(table, /17 \(Moderately severe\), week 3/);
    assert.match(table, /8 \(Mild\), week 8/);
    assert.match(table, /-9, a meaningful improvement/);
    const preview = await (await s.find('[data-testid="export-preview"]')).text();
    assert.ok(!preview.includes('Morgan'), 'the summary names nobody');
    assert.match(preview, /Measures whose answers raised the risk prompt/);
    await scrollTo(s, '[data-testid="preview-measures"]');
    await app.shot('measures-04-summary');
  } finally {
    await app.close();
  }
});
