import { describe, expect, it, vi } from 'vitest';
import { TOUCH_INTERVAL_MS, watchActivity } from './activity';

describe('watchActivity', () => {
  it('touches at most once every 20 seconds, counting from the start', () => {
    let now = 1_000_000;
    const touch = vi.fn();
    const stop = watchActivity(window, touch, () => now);

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(touch).not.toHaveBeenCalled();

    now += TOUCH_INTERVAL_MS;
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('wheel'));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b' }));
    expect(touch).toHaveBeenCalledTimes(1);

    now += TOUCH_INTERVAL_MS - 1;
    window.dispatchEvent(new Event('wheel'));
    expect(touch).toHaveBeenCalledTimes(1);

    now += 1;
    window.dispatchEvent(new Event('wheel'));
    expect(touch).toHaveBeenCalledTimes(2);

    stop();
    now += 10 * TOUCH_INTERVAL_MS;
    window.dispatchEvent(new Event('pointerdown'));
    expect(touch).toHaveBeenCalledTimes(2);
  });
});
