package org.exoos.libposix.procinfo;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.exoos.libposix.process.PosixProcess;

/**
 * The kernel's processes by pid (Linux's pid hash), with what the kernel noted when each started: where
 * its initial stack begins (argc, then the argv and envp pointers Linux's mm->arg_start/env_start come
 * from) and when it started. Spawn registers a process; reaping it (wait, or the end of the machine's
 * first process) removes it, so an exited process stays listed as a zombie until then.
 * <p>
 * Thread-safe: the syscall threads change it while the kernel-information thread reads it.
 */
public final class ProcessTable {
    /** One process, what its start left behind, and the high-water marks /proc/[pid]/status shows. */
    public static final class Entry {
        private final PosixProcess process;
        private final long initialStackPointer;
        private final long startNanos;
        private final StringAreas strings;
        private long peakSize;
        private long peakResident;

        Entry(final PosixProcess process, final long initialStackPointer, final long startNanos) {
            this.process = process;
            this.initialStackPointer = initialStackPointer;
            this.startNanos = startNanos;
            this.strings = StringAreas.read(process.addressSpace(), initialStackPointer);
        }

        public PosixProcess process() {
            return process;
        }

        /** Where argc lies on the initial stack. */
        public long initialStackPointer() {
            return initialStackPointer;
        }

        /** Where its argument and environment strings lie, as exec left them. */
        public StringAreas strings() {
            return strings;
        }

        /** Nanoseconds since boot. */
        public long startNanos() {
            return startNanos;
        }

        /** VmPeak: the largest size seen (sampled when asked, so a peak between two looks is missed). */
        public synchronized long notePeak(final long size) {
            peakSize = Math.max(peakSize, size);
            return peakSize;
        }

        /** VmHWM, sampled likewise. */
        public synchronized long noteResidentPeak(final long resident) {
            peakResident = Math.max(peakResident, resident);
            return peakResident;
        }
    }

    private final ConcurrentSkipListMap<Integer, Entry> byPid = new ConcurrentSkipListMap<>();

    /**
     * Registers a started process.
     *
     * @param initialStackPointer where argc lies on its initial stack
     * @param startNanos          when it started, in nanoseconds since boot
     */
    public void add(final PosixProcess process, final long initialStackPointer, final long startNanos) {
        byPid.put(process.pid(), new Entry(process, initialStackPointer, startNanos));
    }

    /** Forgets a reaped process. */
    public void remove(final int pid) {
        byPid.remove(pid);
    }

    /** The entry of {@code pid}, or null. */
    public Entry get(final int pid) {
        return byPid.get(pid);
    }

    /** The smallest pid above {@code after}, or 0 when there is none. */
    public int nextPid(final int after) {
        final Map.Entry<Integer, Entry> next = byPid.higherEntry(after);
        return next == null ? 0 : next.getKey();
    }

    public int size() {
        return byPid.size();
    }
}
