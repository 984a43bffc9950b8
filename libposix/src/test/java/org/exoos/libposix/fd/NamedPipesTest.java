package org.exoos.libposix.fd;

import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The FIFO registry: which opens wait, fail or go on, and how long a FIFO's pipe lives. */
class NamedPipesTest {
    private static final int RDONLY = StatusFlags.O_RDONLY, WRONLY = StatusFlags.O_WRONLY, RDWR = StatusFlags.O_RDWR;

    private final NamedPipes pipes = new NamedPipes();
    private final SyscallHarness h = new SyscallHarness();

    @AfterEach
    void close() { h.close(); }

    private static MemorySegment[] bytes(String s) { return new MemorySegment[]{MemorySegment.ofArray(s.getBytes())}; }

    @Test
    void theSameInodeSharesOnePipeWhileOpenAndTheRegistryForgetsItAfterTheLastRelease() {
        NamedPipes.Fifo a = pipes.acquire(7, 42), b = pipes.acquire(7, 42), other = pipes.acquire(8, 42);
        assertSame(a, b);
        assertNotSame(a, other);
        assertEquals(2, pipes.openCount());
        pipes.release(a);
        assertSame(b, pipes.acquire(7, 42), "still referenced");
        pipes.release(b);
        pipes.release(b);
        pipes.release(other);
        assertEquals(0, pipes.openCount());
        NamedPipes.Fifo again = pipes.acquire(7, 42);
        assertNotSame(a, again, "a fresh pipe after the last close");
        assertNotSame(a.pipe(), again.pipe());
    }

    @Test
    void nonBlockingOpensFollowLinux() {
        NamedPipes.Fifo fifo = pipes.acquire(1, 2);
        assertEquals(-Errno.ENXIO, fifo.open(WRONLY, true, null), "a writer without readers");
        assertEquals(-Errno.EINVAL, fifo.open(StatusFlags.O_ACCMODE, true, null), "access mode 3: neither end");
        assertEquals(0, fifo.writers());
        assertEquals(0, fifo.open(RDONLY, true, null), "a reader does not wait");
        assertEquals(1, fifo.readers());
        assertEquals(0, fifo.open(WRONLY, true, null), "now a writer opens");
        assertEquals(1, fifo.writers());
        fifo.close(true, false);
        assertEquals(0, fifo.readers());
        assertEquals(-Errno.EPIPE, fifo.pipe().write(bytes("x"), null, true, false), "no readers left");
        fifo.close(false, true);
        assertEquals(0, fifo.writers());
    }

    @Test
    void readWriteOpensBothEndsWithoutWaitingAndWithoutAWaiterABlockingOpenIsRefused() {
        NamedPipes.Fifo fifo = pipes.acquire(1, 3);
        assertEquals(-Errno.EAGAIN, fifo.open(RDONLY, false, null), "cannot wait without a waiter");
        assertEquals(0, fifo.readers(), "nothing left open");
        assertEquals(0, fifo.open(RDWR, false, null));
        assertEquals(1, fifo.readers());
        assertEquals(1, fifo.writers());
        assertEquals(0, fifo.open(WRONLY, false, null), "a reader is there: no wait");
        fifo.close(true, true);
        fifo.close(false, true);
        assertEquals(0, fifo.readers() + fifo.writers());
    }

    @Test
    void aBlockedReaderGoesOnWhenAWriterOpensEvenIfItClosedAgainAndThenSeesEndOfFile() throws Exception {
        NamedPipes.Fifo fifo = pipes.acquire(1, 4);
        Waiter waiter = h.thread.waiter();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> fifo.open(RDONLY, false, waiter));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!waiter.isAsleep() && System.nanoTime() < deadline) Thread.onSpinWait();
        assertTrue(waiter.isAsleep(), "the reader waits for a writer");
        assertFalse(reader.isDone());
        assertEquals(0, fifo.open(WRONLY, true, null), "the writer finds the waiting reader");
        fifo.close(false, true);
        assertEquals(0, reader.get(5, TimeUnit.SECONDS));
        assertEquals(1, fifo.readers());
        assertEquals(0, fifo.pipe().read(new MemorySegment[]{MemorySegment.ofArray(new byte[4])}, null, true),
                "the writer is gone: end of file");
    }

    @Test
    void theDataGoesWithTheLastEnd() {
        NamedPipes.Fifo fifo = pipes.acquire(2, 5);
        assertEquals(0, fifo.open(RDWR, false, null));
        assertEquals(3, fifo.pipe().write(bytes("abc"), null, true, false));
        fifo.close(true, true);
        pipes.release(fifo);
        NamedPipes.Fifo again = pipes.acquire(2, 5);
        assertEquals(0, again.open(RDWR, false, null));
        assertEquals(-Errno.EAGAIN, again.pipe().read(new MemorySegment[]{MemorySegment.ofArray(new byte[4])}, null,
                true), "empty");
    }
}
