import type { Finding } from '../checker/findings.js';
import type { Reply, TimedOut } from './protocol.js';

/** A program that could not be explored is a finding of kind `error`, saying why and what to do. */
export function errorFinding(file: string, name: string, reply: Reply | TimedOut): Finding {
  let message: string;
  let summary: string;
  const cause = reply.type === 'timeout' ? 'watchdog' : 'not-explored';
  if (reply.type === 'timeout') {
    const s = reply.ms / 1000;
    if (reply.phase === 'load') {
      message = `error: importing the program's file did not finish within ${s} s`;
      summary = `${file} was stopped while loading: its top-level code may loop forever; move the work into main`;
    } else {
      // The worker's heartbeat is a macrotask: it stops for a synchronous loop and for a loop of
      // awaits that never reaches an interleave operation (`for (;;) await null`) alike.
      message = `error: the program did not yield for ${s} s: likely an infinite loop (synchronous, or of plain awaits)`;
      summary =
        `${file}#${name} made no progress for ${s} s and was stopped: a task is likely looping without ` +
        `awaiting an interleave operation (a \`for (;;)\` loop, or one whose only awaits are plain: \`await null\`); ` +
        `add \`await yield_()\` inside the loop (or raise --timeout if it is just slow)`;
    }
  } else {
    message = `error: ${reply.type === 'failed' ? reply.message : `unexpected answer '${reply.type}' from the worker`}`;
    summary = `${file}#${name} could not be explored; fix the program or its options and run check again`;
  }
  return { kind: 'error', message, summary, tasks: [], task: null, stack: null, step: 0, cause };
}

/** Why a file's programs could not be listed, for the load error of that file. */
export function loadFailure(file: string, reply: Reply | TimedOut): string {
  if (reply.type === 'timeout') {
    return `cannot load ${file}: importing it did not finish within ${reply.ms / 1000} s (a synchronous infinite loop at its top level?)`;
  }
  if (reply.type === 'failed')
    return reply.stage === 'load' ? reply.message : `cannot load ${file}: ${reply.message}`;
  return `cannot load ${file}: unexpected answer '${reply.type}' from the worker`;
}
