package org.exoos.servers.tty;

/**
 * Where a terminal reports the signals it raises. The tty computes signals but does not deliver
 * them: whoever hosts it forwards them to the process manager or kernel.
 *
 * <p>Called synchronously from inside {@link LineDiscipline#receive} (ISIG characters) and
 * {@link LineDiscipline#setWindowSize} (SIGWINCH); the listener must not call back into the
 * line discipline.
 */
@FunctionalInterface
public interface TtySignalListener {
    /** Linux signal numbers the tty raises (riscv64 uses the generic numbering). */
    int SIGINT = 2, SIGQUIT = 3, SIGTSTP = 20, SIGWINCH = 28;

    /** Ignores every signal. */
    TtySignalListener NONE = (signal, processGroup) -> {};

    /**
     * @param signal       SIGINT, SIGQUIT, SIGTSTP or SIGWINCH
     * @param processGroup the terminal's foreground process group at that moment, or 0 if it has
     *                     none (Linux then sends nothing: kill_pgrp needs a group)
     */
    void onSignal(int signal, int processGroup);
}
