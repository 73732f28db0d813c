/**
 * Go's `context` package: cancellation, deadlines and request-scoped values that flow down a tree of
 * contexts. Deadlines use the run's virtual clock. Import as a namespace:
 * `import { context } from 'interleave'`, then `context.withCancel(context.background())`.
 */
export {
  background,
  todo,
  cause,
  canceled,
  deadlineExceeded,
  DeadlineExceededError,
  ContextPanic,
  type Context,
} from './context.js';
export { withCancel, withCancelCause, type CancelFunc, type CancelCauseFunc } from './cancel.js';
export { withDeadline, withDeadlineCause, withTimeout, withTimeoutCause, type Deadline } from './deadline.js';
export { withValue, withoutCancel } from './value.js';
export { afterFunc } from './afterfunc.js';
