package org.exoos.libposix.process;

import org.exoos.libposix.signal.Signal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine's power state as reboot(2) changes it: a shutdown request (power off, halt or restart) ends
 * the machine, and the Ctrl-Alt-Del flag (C_A_D) records what that key should do. The first request wins.
 * Ending the machine is ending every process, init last: the machine ends with its first process
 * ({@code Launcher}), which then stops the harts and the servers and restores the terminal.
 */
public final class MachinePower {
    /** What a shutdown asked for. */
    public enum Shutdown {
        /** LINUX_REBOOT_CMD_POWER_OFF. */
        POWER_OFF,
        /** LINUX_REBOOT_CMD_HALT. */
        HALT,
        /** LINUX_REBOOT_CMD_RESTART and RESTART2. */
        RESTART,
        /** The host asked (SIGTERM to the JVM). */
        HOST
    }

    private final AtomicReference<Shutdown> requested = new AtomicReference<>();
    /** Linux boots with C_A_D on: Ctrl-Alt-Del restarts at once rather than signalling init. */
    private volatile boolean ctrlAltDelRestarts = true;

    /** The shutdown asked for, or null while the machine runs. */
    public Shutdown requested() { return requested.get(); }

    public boolean ctrlAltDelRestarts() { return ctrlAltDelRestarts; }

    /** LINUX_REBOOT_CMD_CAD_ON (true) and CAD_OFF (false). */
    public void setCtrlAltDelRestarts(boolean on) { ctrlAltDelRestarts = on; }

    /**
     * Records the shutdown (the first one counts) and ends every process: SIGKILL for all but init, then init
     * exits with status 0, which ends the machine.
     */
    public void shutdown(Shutdown what, ProcessTree processes) {
        requested.compareAndSet(null, what);
        PosixProcess init = processes.init();
        for (PosixProcess p : processes.all()) {
            if (p != init && !p.isZombie()) p.killBy(Signal.SIGKILL);
        }
        if (init != null) init.exit(0);
    }
}
