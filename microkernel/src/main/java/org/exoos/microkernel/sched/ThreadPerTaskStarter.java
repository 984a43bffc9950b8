package org.exoos.microkernel.sched;

import org.exoos.hal.cpu.Hart;
import org.exoos.hal.cpu.exec.ExecutionEngine;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.microkernel.Personality;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.task.Task;
import org.exoos.microkernel.trap.TrapDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The machine's harts before there is a scheduler: every task gets a platform thread of its own with its
 * own {@link Hart}, execution engine and {@link TrapDispatcher}, and runs on it until it exits. The host
 * schedules those threads. The starter knows the live tasks, so that the machine can end them all
 * ({@link #shutdown}) when its first process ends, as a container ends with its pid 1.
 */
public final class ThreadPerTaskStarter implements TaskStarter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ThreadPerTaskStarter.class);
    /** How long {@link #shutdown} waits for one ended task's thread (a call into a server may be under way). */
    static final long JOIN_MILLIS = 5_000;

    private final PhysicalMemory memory;
    private final Function<PhysicalMemory, ExecutionEngine> engines;
    private final Personality personality;
    private final Map<Task, Thread> running = new ConcurrentHashMap<>();
    private final AtomicInteger nextHartId = new AtomicInteger();
    /** Instructions retired by the harts of tasks that have ended. */
    private final AtomicLong retired = new AtomicLong();
    private volatile boolean shutDown;

    /**
     * @param engines makes the execution engine of a new hart (one per thread: engines keep per-hart caches)
     */
    public ThreadPerTaskStarter(PhysicalMemory memory, Function<PhysicalMemory, ExecutionEngine> engines,
                                Personality personality) {
        this.memory = memory;
        this.engines = engines;
        this.personality = personality;
    }

    /** Starts the task on a new thread; a task started after {@link #shutdown} is ended at once. */
    @Override
    public void start(Task task, Task creator) {
        Thread thread = Thread.ofPlatform().name("hart-task-" + task.id()).daemon(true).unstarted(() -> runHere(task));
        running.put(task, thread);
        if (shutDown) task.exit(); // its run loop still ends it properly (the personality's ended hook)
        thread.start();
    }

    /**
     * Runs the task on the calling thread, on a new hart, until it exits (the machine's first task runs so).
     * Returns the instructions the hart retired.
     */
    public long runHere(Task task) {
        Hart hart = new Hart(nextHartId.getAndIncrement(), memory);
        running.putIfAbsent(task, Thread.currentThread());
        // The thread is this hart: its frame allocations and releases take the allocator's per-hart cache.
        FrameAllocator frames = task.addressSpace().frames();
        frames.attachHart(hart.id);
        try {
            new TrapDispatcher(engines.apply(memory), personality).run(hart, task);
        } catch (RuntimeException | Error e) {
            log.error("{}: the hart failed", task, e);
        } finally {
            hart.retire();
            frames.detachHart();
            running.remove(task);
            retired.addAndGet(hart.instret);
        }
        return hart.instret;
    }

    /** Tasks started and not yet ended. */
    public int liveTasks() { return running.size(); }

    /** Instructions retired by the harts of ended tasks. */
    public long retiredInstructions() { return retired.get(); }

    /**
     * Ends every task still running and waits for their threads: each task is marked exited and its thread
     * interrupted, so a task parked in a blocking call wakes, sees it has ended and returns to its run loop,
     * which stops.
     */
    public void shutdown() {
        shutDown = true;
        for (int round = 0; round < 3 && !running.isEmpty(); round++) {
            for (Map.Entry<Task, Thread> e : running.entrySet()) {
                e.getKey().exit();
                if (e.getValue() != Thread.currentThread()) e.getValue().interrupt();
            }
            for (Map.Entry<Task, Thread> e : running.entrySet()) {
                Thread t = e.getValue();
                if (t == Thread.currentThread()) continue;
                try {
                    t.join(JOIN_MILLIS);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (t.isAlive()) log.warn("{} did not stop within {} ms", e.getKey(), JOIN_MILLIS);
            }
        }
    }

    @Override
    public void close() { shutdown(); }
}
