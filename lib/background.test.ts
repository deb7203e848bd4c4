import { afterEach, describe, expect, it, vi } from 'vitest';
import { every } from './background';
import { log } from './log';

describe('every', () => {
  afterEach(() => vi.useRealTimers());

  it('never overlaps runs, logs a failure and goes on, and stops when told', async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    let runs = 0;
    let release: () => void = () => undefined;
    const stop = every(100, 'test job', async () => {
      runs++;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      if (runs === 2) throw new Error('boom');
    });
    await vi.advanceTimersByTimeAsync(350);
    expect(runs).toBe(1); // the first run still holds: no second one beside it
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'test job failed',
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(3);
    error.mockRestore();
  });
});
