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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The machine's scheduler: N harts ({@link HartRunner}, one platform thread each) run tasks whose trap loops
 * are continuations, so a task that blocks or is preempted gives its hart to another task and may come back
 * on any hart its affinity allows.
 * <ul>
 * <li>Run queues: one per hart, three classes by burst average ({@link RunQueue}, {@link BurstAverage}).</li>
 * <li>Preemption: a tick thread every {@link #TICK_NANOS} marks the harts whose task used its slice
 *     ({@link NiceWeights}); the trap loop sees the mark at its next budget boundary and takes a supervisor
 *     timer interrupt, and the hart requeues the task. An interactive task woken onto a hart running a
 *     non-interactive one marks that hart at once (wake-up preemption).</li>
 * <li>Placement: a woken task goes to its last hart if that is idle, else to any idle hart it may use,
 *     else back to its last hart (or the allowed hart with the shortest queue).</li>
 * <li>Stealing: a hart with nothing to run takes half of the busiest queue (the tasks allowed on it); the
 *     tick unparks an idle hart when some queue has tasks waiting.</li>
 * <li>Idle harts park, and are unparked when work is queued for them.</li>
 * </ul>
 * The machine ends with its first task ({@link #awaitEnd}, then {@link #shutdown}), as a container with pid 1.
 */
public final class HartScheduler implements TaskStarter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HartScheduler.class);
    public static final long TICK_NANOS = 4_000_000L;
    /** How long {@link #shutdown} waits for the ended tasks to leave the harts, per round. */
    static final long JOIN_MILLIS = 5_000;
    public static final int MAX_CPUS = 64;

    private final HartRunner[] harts;
    private final long allHarts;
    private final TrapDispatcher dispatcher;
    private final Map<Task, SchedTask> live = new ConcurrentHashMap<>();
    final WakeTimer timer = new WakeTimer(this::unpark);
    private final Thread tick;
    volatile boolean stopping;
    private volatile boolean shutDown;

    /**
     * @param engines makes the execution engine of each hart (engines keep per-hart caches)
     * @param frames  the machine's frame allocator, whose per-hart caches the harts' threads take; or null
     * @param cpus    how many harts, 1..{@value #MAX_CPUS}
     */
    public HartScheduler(PhysicalMemory memory, Function<PhysicalMemory, ExecutionEngine> engines,
                         Personality personality, FrameAllocator frames, int cpus) {
        if (cpus < 1 || cpus > MAX_CPUS) throw new IllegalArgumentException("cpus must be 1.." + MAX_CPUS + ": " + cpus);
        this.dispatcher = new TrapDispatcher(personality);
        this.harts = new HartRunner[cpus];
        this.allHarts = cpus == 64 ? -1L : (1L << cpus) - 1;
        for (int i = 0; i < cpus; i++) harts[i] = new HartRunner(i, new Hart(i, memory), engines.apply(memory), this, frames);
        for (HartRunner h : harts) h.thread.start();
        tick = Thread.ofPlatform().name("exo-sched-tick").daemon(true).unstarted(this::tickLoop);
        tick.start();
    }

    /** The host's cores: the default number of harts. */
    public static int defaultCpus() { return Math.min(MAX_CPUS, Runtime.getRuntime().availableProcessors()); }

    public int cpus() { return harts.length; }

    /** A mask with a bit for each hart. */
    public long allCpus() { return allHarts; }

    /**
     * Queues the task; it starts on a hart soon. It inherits nice, policy and affinity from the task that
     * calls (a clone), as Linux children do; a task started after {@link #shutdown} is ended at once (its run
     * loop still ends it properly, through the personality's ended hook).
     */
    @Override
    public void start(Task task, Task creator) {
        SchedTask parent = creator != null && creator.schedulerState() instanceof SchedTask p ? p : null;
        SchedTask t = new SchedTask(task, () -> body(task), allHarts, this);
        if (parent != null && parent.scheduler == this) {
            t.affinity = parent.affinity;
            t.policy = parent.policy;
            t.nice = parent.nice;
            if (parent.resetOnFork) {
                if (!SchedPolicy.isFair(t.policy)) t.policy = SchedPolicy.SCHED_OTHER;
                t.nice = Math.max(0, t.nice);
            }
        }
        live.put(task, t);
        if (shutDown) task.exit();
        enqueue(t, targetFor(t));
    }

    private void body(Task task) {
        try {
            dispatcher.run(HartRunner.currentRunner(), task);
        } catch (RuntimeException | Error e) {
            log.error("{}: the hart failed", task, e);
        }
    }

    /** Waits until the task's run loop has ended (at once if it is not a task of this scheduler). */
    public void awaitEnd(Task task) throws InterruptedException {
        SchedTask t = live.get(task);
        if (t != null) t.ended.await();
    }

    /** The scheduler's view of a live task; null when it ended or is not one of ours. */
    public SchedTask sched(Task task) { return live.get(task); }

    public int liveTasks() { return live.size(); }

    /** Instructions retired by all harts. */
    public long retiredInstructions() {
        long sum = 0;
        for (HartRunner h : harts) sum += h.hart.instret;
        return sum;
    }

    /** Tasks waiting in hart {@code cpu}'s queue. */
    public int queued(int cpu) { return harts[cpu].queue.size(); }

    // ---- parameters (the syscalls' side) ----

    /** Sets the task's affinity to the usable harts of the mask; false (nothing changed) when none is usable. */
    public boolean setAffinity(SchedTask t, long mask) {
        long usable = mask & allHarts;
        if (usable == 0) return false;
        t.affinity = usable;
        HartRunner h = runnerOf(t);
        if (h != null && !t.allowedOn(h.id)) h.preemptDue = true; // it moves when it leaves this hart
        return true;
    }

    public void setNice(SchedTask t, int nice) { t.nice = NiceWeights.clamp(nice); }

    /** Sets a fair policy (SCHED_OTHER, SCHED_BATCH, SCHED_IDLE); the class follows at the next burst. */
    public void setPolicy(SchedTask t, int policy, boolean resetOnFork) {
        if (!SchedPolicy.isFair(policy)) throw new IllegalArgumentException("not a fair policy: " + policy);
        t.policy = policy;
        t.resetOnFork = resetOnFork;
    }

    private HartRunner runnerOf(SchedTask t) {
        for (HartRunner h : harts) if (h.current == t) return h;
        return null;
    }

    // ---- queues ----

    /** Where a task that becomes runnable goes (see the class comment). */
    HartRunner targetFor(SchedTask t) {
        int last = t.lastHart;
        if (last >= 0 && t.allowedOn(last) && harts[last].idle) return harts[last];
        for (HartRunner h : harts) if (h.idle && t.allowedOn(h.id)) return h;
        if (last >= 0 && t.allowedOn(last)) return harts[last];
        HartRunner best = null;
        for (HartRunner h : harts) {
            if (t.allowedOn(h.id) && (best == null || h.queue.size() < best.queue.size())) best = h;
        }
        return best != null ? best : harts[0];
    }

    void enqueue(SchedTask t, HartRunner target) {
        t.state = SchedTask.QUEUED;
        target.queue.add(t);
        if (target.idle) {
            LockSupport.unpark(target.thread); // the IPI
        } else if (t.taskClass == TaskClass.INTERACTIVE) {
            SchedTask running = target.current;
            if (running != null && running.taskClass != TaskClass.INTERACTIVE) target.preemptDue = true;
        }
    }

    /** Makes a parked task runnable, once: the waker and the deadline may both try. */
    void wake(SchedTask t) {
        if (t.casState(SchedTask.PARKED, SchedTask.QUEUED)) {
            timer.cancel(t);
            enqueue(t, targetFor(t));
        }
    }

    /** See {@link TaskParking#unpark}. */
    void unpark(SchedTask t) {
        t.permit = true;
        int s = t.state;
        if (s == SchedTask.PARKED) {
            wake(t);
        } else if (s == SchedTask.PINNED) {
            Thread carrier = t.pinnedCarrier;
            if (carrier != null) LockSupport.unpark(carrier);
        }
    }

    /** Takes half of the busiest other queue for the thief; returns the first to run, or null. */
    SchedTask steal(HartRunner thief) {
        HartRunner victim = null;
        int most = 0;
        for (HartRunner h : harts) {
            int n = h.queue.size();
            if (h != thief && n > most) {
                most = n;
                victim = h;
            }
        }
        if (victim == null) return null;
        SchedTask[] into = thief.stolen;
        int n = victim.queue.stealHalf(thief.id, into);
        if (n == 0) return null;
        for (int i = 1; i < n; i++) {
            thief.queue.add(into[i]);
            into[i] = null;
        }
        SchedTask first = into[0];
        into[0] = null;
        return first;
    }

    void ended(SchedTask t) {
        if (log.isDebugEnabled()) {
            log.debug("{} ended: {}, average burst {} ns, {} picks, {} preemptions, {} parks", t.task, t.taskClass,
                    t.burstAverage, t.picks, t.preemptions, t.parks);
        }
        t.state = SchedTask.ENDED;
        timer.cancel(t);
        live.remove(t.task);
        t.ended.countDown();
    }

    // ---- the tick ----

    private void tickLoop() {
        long last = System.nanoTime();
        while (!stopping) {
            LockSupport.parkNanos(this, TICK_NANOS);
            long now = System.nanoTime();
            long elapsed = now - last;
            last = now;
            boolean someIdle = false, someWaiting = false;
            for (HartRunner h : harts) {
                SchedTask t = h.current;
                // Tick accounting, as Linux's: the whole interval goes to what the hart is doing at the tick.
                if (t != null) t.task.charge(elapsed, h.hart.inGuest());
                if (t != null && now - h.sliceStart >= h.sliceNanos) h.preemptDue = true;
                someIdle |= h.idle;
                someWaiting |= h.queue.size() > 0 && !h.idle;
            }
            if (someIdle && someWaiting) {
                for (HartRunner h : harts) {
                    if (h.idle) {
                        LockSupport.unpark(h.thread); // it wakes, finds its queue empty, and steals
                        break;
                    }
                }
            }
        }
    }

    // ---- the end ----

    /**
     * Ends every task still live and stops the harts: each task is marked exited and woken (a parked task
     * resumes, sees it has ended and its run loop stops; a hart blocked in a host wait is interrupted).
     */
    public void shutdown() {
        shutDown = true;
        for (int round = 0; round < 3 && !live.isEmpty(); round++) {
            for (SchedTask t : live.values()) {
                t.task.exit();
                unpark(t);
            }
            for (HartRunner h : harts) if (h.current != null && h.thread != Thread.currentThread()) h.thread.interrupt();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
            while (!live.isEmpty() && System.nanoTime() - deadline < 0) LockSupport.parkNanos(1_000_000L);
            if (!live.isEmpty()) log.warn("{} tasks did not stop within {} ms", live.size(), JOIN_MILLIS);
        }
        stopping = true;
        for (HartRunner h : harts) LockSupport.unpark(h.thread);
        LockSupport.unpark(tick);
        for (HartRunner h : harts) {
            if (h.thread == Thread.currentThread()) continue;
            try {
                h.thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (HartRunner h : harts) h.hart.retire();
        timer.close();
    }

    @Override
    public void close() { shutdown(); }
}
