import { describe, expect, it } from 'vitest';
import { OneAtATime } from '../../src/lib/one-at-a-time.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('OneAtATime', () => {
  it('never runs two tasks at once, and runs each one asked for', async () => {
    const serial = new OneAtATime();
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const task = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      done.push(n);
    };
    await Promise.all([1, 2, 3].map((n) => serial.run(task(n))));
    expect(most).toBe(1);
    expect(done.sort()).toEqual([1, 2, 3]);
    expect(serial.busy).toBe(false);
  });

  it('a failed task fails its caller only, and the next one runs', async () => {
    const serial = new OneAtATime();
    const failed = serial.run(async () => {
      await tick();
      throw new Error('store down');
    });
    let ran = false;
    const next = serial.run(async () => {
      ran = true;
    });
    expect(serial.busy).toBe(true);
    await expect(failed).rejects.toThrow('store down');
    await next;
    expect(ran).toBe(true);
  });
});
