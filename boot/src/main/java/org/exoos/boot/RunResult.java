package org.exoos.boot;

/**
 * How a run ended.
 *
 * @param status  the exit status as a shell reports it: the exit code (0..255), or 128 + the signal that
 *                killed the program
 * @param instret guest instructions retired
 * @param nanos   wall time of the run, from the first guest instruction to the program's end
 */
public record RunResult(int status, long instret, long nanos) {}
