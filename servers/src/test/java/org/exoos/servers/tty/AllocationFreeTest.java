package org.exoos.servers.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The per-byte paths (receive, echo, read, write, drain, signals) allocate nothing. */
class AllocationFreeTest {
    private static final int ROUNDS = 2_000;

    @Test
    void steadyStateAllocatesNothing() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(), "allocation counting disabled");

        final LineDiscipline ld = new LineDiscipline(TtySignalListener.NONE);
        final UnsafeBuffer input = new UnsafeBuffer(TtyFixture.bytes("hello wo\u0017rld\u007f\u0001\t\u007f\r\u0003x\u0004"));
        final UnsafeBuffer output = new UnsafeBuffer(TtyFixture.bytes("line of output\n\tindented\r\n"));
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[8192]);
        final Termios raw = new Termios().makeRaw();
        final Termios cooked = new Termios();

        long sink = run(ld, input, output, scratch, raw, cooked); // warm up: class init, linkage
        mx.getCurrentThreadAllocatedBytes();
        final long before = mx.getCurrentThreadAllocatedBytes();
        sink += run(ld, input, output, scratch, raw, cooked);
        final long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated by " + ROUNDS + " rounds (checksum " + sink + ")");
    }

    private static long run(final LineDiscipline ld, final UnsafeBuffer input, final UnsafeBuffer output,
            final UnsafeBuffer scratch, final Termios raw, final Termios cooked) {
        long sum = 0;
        for (int i = 0; i < ROUNDS; i++) {
            ld.setTermios(cooked);
            sum += ld.receive(input, 0, input.capacity());
            int n;
            while ((n = ld.tryRead(scratch, 0, 64, false, i, 0, 0)) > 0) sum += n;
            sum += ld.write(output, 0, output.capacity());
            sum += ld.drainOutput(scratch, 0, scratch.capacity());
            ld.setTermios(raw);
            sum += ld.receive(input, 0, input.capacity());
            sum += ld.tryRead(scratch, 0, 8192, false, i, 0, 0);
            sum += ld.readableBytes() + ld.drainOutput(scratch, 0, scratch.capacity());
        }
        return sum;
    }
}
