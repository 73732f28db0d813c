import { describeThrown } from '../base/errors.js';
import { setSiteRoot } from '../base/site.js';
import { runJobHere } from './job.js';
import type { Job, Message, Reply } from './protocol.js';

/*
 * One job in a pool thread (pool-worker.mjs starts it): load the file and run the job, posting
 * progress (and a list job's listing) and returning the final answer. The heartbeat runs beside it; a program stuck in a synchronous loop stops
 * the beats, and the CLI's watchdog has the pool terminate the thread: the only way to stop such a
 * loop, since it never returns to the event loop.
 */
export async function runPooledJob(
  job: Job,
  root: string,
  post: (m: Message) => void,
  stopBeat: () => void,
): Promise<Reply> {
  setSiteRoot(root);
  try {
    return await runJobHere(job, root, post);
  } catch (e) {
    return { type: 'failed', stage: 'run', message: describeThrown(e) };
  } finally {
    stopBeat();
  }
}
