package org.exoos.ipc.fusion.shm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutexTest {
    private static final long TEN_SECONDS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void waitOnAnUnchangedWordTimesOut() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment word = arena.allocate(4, 4);
            final long start = System.nanoTime();
            final FutexWaitResult result = Futex.wait(word, 0, 0, TimeUnit.MILLISECONDS.toNanos(20));
            final long elapsed = System.nanoTime() - start;
            assertEquals(FutexWaitResult.TIMED_OUT, result, "nobody woke the word");
            assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(15), "returned after only " + elapsed + " ns");
        }
    }

    @Test
    void waitWithAnExpectedValueThatDiffersReturnsValueChanged() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment word = arena.allocate(4, 4);
            word.set(ValueLayout.JAVA_INT, 0, 7);
            assertEquals(FutexWaitResult.VALUE_CHANGED, Futex.wait(word, 0, 6, TEN_SECONDS),
                    "word holds 7, caller expected 6");
        }
    }

    @Test
    void wakeFromAnotherThreadWakesAWaiter() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final MemorySegment word = arena.allocate(4, 4);
            final CompletableFuture<FutexWaitResult> waiter = CompletableFuture.supplyAsync(
                    () -> Futex.wait(word, 0, 0, TEN_SECONDS), runnable -> Thread.ofPlatform().daemon().name("futex-waiter").start(runnable));
            // Wake until the kernel reports that it woke someone: that proves the waiter was queued.
            final long deadline = System.nanoTime() + TEN_SECONDS;
            int woken = 0;
            while (woken == 0 && System.nanoTime() < deadline && !waiter.isDone()) {
                woken = Futex.wake(word, 0, 1);
                Thread.yield();
            }
            assertEquals(1, woken, "no waiter was found queued on the futex within 10 s");
            assertEquals(FutexWaitResult.WOKEN, waiter.get(10, TimeUnit.SECONDS), "waiter's result");
            assertEquals(0, Futex.wake(word, 0, 1), "nobody should be left waiting");
        }
    }

    @Test
    void aMisalignedOrOutOfBoundsWordIsRejected() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment words = arena.allocate(8, 8);
            final IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Futex.wait(words, 2, 0, 1));
            assertTrue(e.getMessage().contains("4-byte aligned"), "message: " + e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Futex.wake(words, 1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Futex.wake(words, 8, 1));
            assertThrows(IllegalArgumentException.class, () -> Futex.wake(MemorySegment.ofArray(new int[2]), 0, 1),
                    "heap memory has no stable address for the kernel");
        }
    }
}
