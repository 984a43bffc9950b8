package org.exoos.libposix.signal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Why a signal was sent: the fields of the siginfo_t a SA_SIGINFO handler receives (128 bytes on riscv64):
 * <pre>
 *  0 si_signo i32   4 si_errno i32   8 si_code i32   12 padding
 * 16 union: kill/tkill/sigqueue { si_pid i32, si_uid u32, si_value ptr (24) }, or a fault { si_addr ptr }
 * </pre>
 * For the kinds a process sends ({@link #fromProcess}) {@code addr} holds si_value (sigqueue's, zero for kill).
 */
public record SigInfo(int signo, int code, int pid, int uid, long addr) {
    public static final int SIZE = 128;
    /** si_code values: sent by kill(2), by tkill/tgkill; fault details. */
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TKILL = -6;
    /** si_code of SIGCHLD: how the child changed state. */
    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5,
            CLD_CONTINUED = 6;
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, ILL_ILLOPC = 1, BUS_ADRALN = 1, BUS_ADRERR = 2,
            TRAP_BRKPT = 1;

    public static SigInfo user(int signo, int pid, int uid) { return new SigInfo(signo, SI_USER, pid, uid, 0); }

    public static SigInfo tkill(int signo, int pid, int uid) { return new SigInfo(signo, SI_TKILL, pid, uid, 0); }

    /**
     * SIGCHLD for a child that changed state: its pid and uid, and in {@code addr} its si_status (the exit
     * code or the signal), which siginfo holds after the uid ({@code { si_pid, si_uid, si_status, ... }}).
     */
    public static SigInfo child(int code, int pid, int uid, int status) {
        return new SigInfo(Signal.SIGCHLD, code, pid, uid, status);
    }

    /** True for SIGCHLD's child-status kind ({@link #child}). */
    public boolean fromChild() { return signo == Signal.SIGCHLD && code >= CLD_EXITED && code <= CLD_CONTINUED; }

    public static SigInfo fault(int signo, int code, long addr) { return new SigInfo(signo, code, 0, 0, addr); }

    /**
     * True for the kinds that carry a sender (pid, uid) and a value rather than an address: kill's SI_USER
     * and the negative codes a process may give (SI_QUEUE, SI_TKILL, and those rt_sigqueueinfo passes on).
     */
    public boolean fromProcess() { return code == SI_USER || code < 0; }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, signo).putInt(8, code);
        if (fromProcess()) b.putInt(16, pid).putInt(20, uid).putLong(24, addr);
        else if (fromChild()) b.putInt(16, pid).putInt(20, uid).putInt(24, (int) addr);
        else b.putLong(16, addr);
        return b.array();
    }
}
