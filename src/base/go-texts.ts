/**
 * Every string Go prints that interleave reproduces lives here, once. Tests import these constants.
 * Sources: src/runtime/chan.go, select.go, runtime2.go (wait reasons), src/sync/*.go.
 */

/** Panics: recoverable (a rejected operation the task can catch, as Go's recover). */
export const Panic = {
  sendOnClosed: 'send on closed channel',
  closeOfClosed: 'close of closed channel',
  closeOfNil: 'close of nil channel',
  negativeWaitGroup: 'sync: negative WaitGroup counter',
  waitGroupReused: 'sync: WaitGroup is reused before previous Wait has returned',
  waitGroupMisuse: 'sync: WaitGroup misuse: Add called concurrently with Wait',
  atomicStoreNil: 'sync/atomic: store of nil value into Value',
  atomicStoreInconsistent: 'sync/atomic: store of inconsistently typed value into Value',
  atomicSwapNil: 'sync/atomic: swap of nil value into Value',
  atomicSwapInconsistent: 'sync/atomic: swap of inconsistently typed value into Value',
  atomicCasNil: 'sync/atomic: compare and swap of nil value into Value',
  atomicCasInconsistentValues: 'sync/atomic: compare and swap of inconsistently typed values',
  atomicCasInconsistent: 'sync/atomic: compare and swap of inconsistently typed value into Value',
  contextNilParent: 'cannot create context from nil parent',
  contextNilKey: 'nil key',
  contextMissingCancelError: 'context: internal error: missing cancel error',
  nonPositiveTicker: 'non-positive interval for NewTicker',
  nonPositiveTickerReset: 'non-positive interval for Ticker.Reset',
} as const;

/** Fatal errors: end the run at once; nothing can catch them. */
export const Fatal = {
  deadlock: 'all goroutines are asleep - deadlock!',
  unlockOfUnlockedMutex: 'sync: unlock of unlocked mutex',
  unlockOfUnlockedRWMutex: 'sync: Unlock of unlocked RWMutex',
  rUnlockOfUnlockedRWMutex: 'sync: RUnlock of unlocked RWMutex',
} as const;

/** Goroutine wait reasons, in Go's words (runtime2.go waitReasonStrings). */
export const WaitReason = {
  chanReceive: 'chan receive',
  chanSend: 'chan send',
  chanReceiveNil: 'chan receive (nil chan)',
  chanSendNil: 'chan send (nil chan)',
  select: 'select',
  selectNoCases: 'select (no cases)',
  sleep: 'sleep',
  mutexLock: 'sync.Mutex.Lock',
  rwMutexRLock: 'sync.RWMutex.RLock',
  rwMutexLock: 'sync.RWMutex.Lock',
  waitGroupWait: 'sync.WaitGroup.Wait',
  condWait: 'sync.Cond.Wait',
  settle: 'synctest.Wait',
} as const;
