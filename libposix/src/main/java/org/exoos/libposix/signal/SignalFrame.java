package org.exoos.libposix.signal;

import org.exoos.microkernel.task.UserContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The frame Linux riscv64 pushes on the user stack to run a signal handler (struct rt_sigframe,
 * arch/riscv/kernel/signal.c), and that rt_sigreturn reads back:
 * <pre>
 *    0 siginfo_t info                       128 bytes
 *  128 ucontext_t uc:
 *        +0 uc_flags  +8 uc_link  +16 uc_stack { ss_sp, ss_flags i32, ss_size }  +40 uc_sigmask
 *        +48 reserved (120 bytes)
 *        +176 uc_mcontext (struct sigcontext):
 *              +0   sc_regs: pc, x1 (ra) .. x31                 32 x 8 bytes
 *              +256 sc_fpregs: f0..f31, then fcsr (u32)           (D state; the rest of the Q-sized union is zero)
 *                                                                      total 1088 bytes
 * </pre>
 */
public final class SignalFrame {
    private SignalFrame() {}

    public static final int INFO = 0;
    public static final int UCONTEXT = 128;
    public static final int UC_STACK = UCONTEXT + 16;
    public static final int UC_SIGMASK = UCONTEXT + 40;
    public static final int SC_REGS = UCONTEXT + 176;
    public static final int SC_FPREGS = SC_REGS + 256;
    public static final int SC_FCSR = SC_FPREGS + 32 * 8;
    public static final int SIZE = UCONTEXT + 960;

    /** A frame holding the interrupted context, the mask to restore and the alternate-stack description. */
    public static byte[] encode(UserContext ctx, SigInfo info, long savedMask, long ssSp, int ssFlags, long ssSize) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(INFO, info.encode());
        b.putLong(UC_STACK, ssSp).putInt(UC_STACK + 8, ssFlags).putLong(UC_STACK + 16, ssSize);
        b.putLong(UC_SIGMASK, savedMask);
        b.putLong(SC_REGS, ctx.pc);
        for (int i = 1; i < 32; i++) b.putLong(SC_REGS + i * 8, ctx.x[i]);
        for (int i = 0; i < 32; i++) b.putLong(SC_FPREGS + i * 8, ctx.f[i]);
        b.putInt(SC_FCSR, (ctx.frm << 5) | ctx.fflags);
        return b.array();
    }

    /** Restores the context saved in a frame (as the handler may have changed it); returns its signal mask. */
    public static long decode(byte[] frame, UserContext ctx) {
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        ctx.pc = b.getLong(SC_REGS);
        for (int i = 1; i < 32; i++) ctx.x[i] = b.getLong(SC_REGS + i * 8);
        for (int i = 0; i < 32; i++) ctx.f[i] = b.getLong(SC_FPREGS + i * 8);
        int fcsr = b.getInt(SC_FCSR);
        ctx.frm = (fcsr >>> 5) & 7;
        ctx.fflags = fcsr & 0x1f;
        return b.getLong(UC_SIGMASK);
    }
}
