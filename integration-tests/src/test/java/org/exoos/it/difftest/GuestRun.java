package org.exoos.it.difftest;

/**
 * What one engine did with one program: its exit status, its stdout (the dump records), its stderr,
 * the instructions it retired (-1 when the engine cannot tell) and a failure that stopped it early, if any.
 */
record GuestRun(String engine, int status, byte[] stdout, String stderr, long instret, long nanos, String failure) {
    boolean completed() { return failure == null; }

    boolean timedOut() { return failure != null && failure.contains(ExoRunner.TIMEOUT); }
}
