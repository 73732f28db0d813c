/**
 * The seed's "The context Package": work takes up to five one-second steps and stops when its
 * context is done; main gives it a two-second timeout and sleeps three seconds.
 */
import { context, go, program, select, time } from 'interleave';
import { fmt } from './fmt.js';

async function work(ctx: context.Context): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const r = await select([{ recv: time.after(1 * time.Second) }, { recv: ctx.done() }]);
    if (r.index === 0) {
      fmt.Println('Work step', i);
    } else {
      fmt.Println('Work canceled at step', i);
      return;
    }
  }
}

export const contextTimeout = program(async () => {
  // Create a context that is canceled after 2 seconds.
  const [ctx, cancel] = context.withTimeout(context.background(), 2 * time.Second);
  try {
    go(() => work(ctx), 'work');
    // Wait for work to finish or be canceled.
    await time.sleep(3 * time.Second);
  } finally {
    cancel(); // defer cancel()
  }
});
