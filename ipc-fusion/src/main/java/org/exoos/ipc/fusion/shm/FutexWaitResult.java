package org.exoos.ipc.fusion.shm;

/** How a {@link Futex#wait} ended. None of them proves the word changed: callers re-check it. */
public enum FutexWaitResult {
    /** The call returned 0: a wake, or (rarely) a spurious return. */
    WOKEN,
    /** ETIMEDOUT: the relative timeout passed with nobody waking the word. */
    TIMED_OUT,
    /** EAGAIN: the word did not hold the expected value when the kernel checked it. */
    VALUE_CHANGED,
    /** EINTR: a signal handler ran in this thread. */
    INTERRUPTED
}
