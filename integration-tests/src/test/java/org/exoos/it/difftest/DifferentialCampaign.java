package org.exoos.it.difftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds directed and random guest programs, runs each under qemu-riscv64 and on Exo-OS, and compares
 * every case's dump. Building and the qemu runs go on in the background while Exo-OS runs the programs
 * one by one on the calling thread; the first mismatches are minimized to short reproductions.
 */
final class DifferentialCampaign {
    private static final Logger log = LoggerFactory.getLogger(DifferentialCampaign.class);
    static final int DIRECTED_CASES_PER_PROGRAM = 150;
    /** -Dexo.difftest.keep=true keeps the sources and ELFs of programs that matched too. */
    static final boolean KEEP_PASSING = Boolean.getBoolean("exo.difftest.keep");

    /**
     * @param seed          seeds the random streams and the directed cases' initial registers
     * @param directed      whether to include the directed edge-case groups
     * @param minimizeLimit how many mismatches (of distinct signatures) to minimize
     */
    record Settings(long seed, boolean directed, int randomPrograms, int casesPerProgram, int linesPerCase,
                    int minimizeLimit, long exoTimeoutSeconds, Path workDir) {}

    /** A minimized mismatch and the single-case program that reproduces it. */
    record Reproduction(CaseMismatch original, CaseMismatch minimized, Path source, Path elf) {}

    record Outcome(int programs, int cases, long exoInstret, long streamInstret, long elapsedNanos,
                   long exoNanos, List<CaseMismatch> mismatches, List<String> failures, List<Reproduction> reproductions) {
        boolean clean() { return mismatches.isEmpty() && failures.isEmpty(); }
    }

    private final Settings settings;

    DifferentialCampaign(Settings settings) {
        this.settings = settings;
    }

    /** The campaign's programs, in a fixed order for a given seed. */
    List<GuestProgram> programs() {
        List<GuestProgram> programs = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        if (settings.directed()) {
            for (DirectedCases.Group g : new DirectedCases(seeds.nextLong()).all()) {
                List<GuestCase> cases = g.cases();
                for (int from = 0, part = 0; from < cases.size(); from += DIRECTED_CASES_PER_PROGRAM, part++) {
                    programs.add(new GuestProgram("directed-" + g.name() + "-" + part,
                            cases.subList(from, Math.min(cases.size(), from + DIRECTED_CASES_PER_PROGRAM)), seeds.nextLong()));
                }
            }
        }
        if (settings.directed()) {
            DirectedCases directed = new DirectedCases(seeds.nextLong());
            for (var fault : DirectedCases.faultingEnds().entrySet()) {
                programs.add(new GuestProgram("fault-" + fault.getKey(), directed.controlFlow(), seeds.nextLong(), fault.getValue()));
            }
        }
        for (int p = 0; p < settings.randomPrograms(); p++) {
            programs.add(randomProgram(String.format("random-%016x-%d", settings.seed(), p), seeds.nextLong(),
                    settings.casesPerProgram(), settings.linesPerCase()));
        }
        return programs;
    }

    static GuestProgram randomProgram(String name, long seed, int cases, int lines) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<GuestCase> list = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            boolean compressed = rng.nextBoolean();
            InitialState initial = InitialState.random(rng);
            list.add(new GuestCase("random #" + i + (compressed ? " (rvc)" : ""), compressed, initial,
                    new StreamGenerator(rng, compressed, initial.f()).stream(lines)));
        }
        return new GuestProgram(name, list, rng.nextLong());
    }

    Outcome run() throws IOException, InterruptedException {
        Toolchain.requireInstalled();
        long start = System.nanoTime();
        Path dir = settings.workDir();
        Files.createDirectories(dir);
        List<GuestProgram> programs = programs();
        HarnessCost cost = HarnessCost.measureOnce(dir.resolve("calibration"), settings.exoTimeoutSeconds());
        List<CaseMismatch> mismatches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<CaseMismatch, Long> windowSeeds = new IdentityHashMap<>();
        long exoInstret = 0, streamInstret = 0, exoNanos = 0;
        int cases = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            List<Future<PreparedProgram>> prepared = new ArrayList<>();
            for (GuestProgram p : programs) prepared.add(pool.submit(() -> PreparedProgram.prepare(p, dir)));
            String hung = null;
            for (int i = 0; i < programs.size(); i++) {
                GuestProgram program = programs.get(i);
                if (hung != null) {
                    // A hung engine thread cannot be stopped and keeps a core busy: running more would only time out too.
                    failures.add(program.name() + " not run on Exo-OS: " + hung + " hung earlier");
                    prepared.get(i).cancel(true);
                    continue;
                }
                PreparedProgram ready;
                try {
                    ready = prepared.get(i).get();
                } catch (ExecutionException e) {
                    failures.add("could not prepare " + program.name() + ": " + e.getCause().getMessage());
                    continue;
                }
                GuestRun exo = ExoRunner.run(ready.elf(), settings.exoTimeoutSeconds());
                if (exo.timedOut()) hung = program.name();
                exoNanos += exo.nanos();
                ProgramComparison comparison = ProgramComparison.of(program, ready.source(), ready.reference(), exo);
                cases += comparison.casesCompared();
                if (exo.instret() > 0) {
                    exoInstret += exo.instret();
                    if (exo.completed() && comparison.casesCompared() == program.cases().size()) {
                        streamInstret += cost.streamInstructions(exo.instret(), program.cases().size());
                    }
                }
                if (comparison.mismatches().isEmpty() && comparison.failures().isEmpty() && !KEEP_PASSING) {
                    // Only what a report points at is kept: a full campaign's sources and ELFs run to 100+ MB.
                    Files.deleteIfExists(ready.source());
                    Files.deleteIfExists(ready.elf());
                }
                mismatches.addAll(comparison.mismatches());
                for (CaseMismatch m : comparison.mismatches()) windowSeeds.put(m, program.windowSeed());
                failures.addAll(comparison.failures());
                log.info("{}: {} cases, {} mismatching, exo {} instructions in {} ms, qemu {} ms", program.name(),
                        program.cases().size(), comparison.mismatches().size(), exo.instret(), exo.nanos() / 1_000_000,
                        ready.reference().nanos() / 1_000_000);
            }
        }
        List<Reproduction> reproductions = minimize(mismatches, windowSeeds, dir.resolve("repro"));
        return new Outcome(programs.size(), cases, exoInstret, streamInstret, System.nanoTime() - start, exoNanos,
                mismatches, failures, reproductions);
    }

    /** Minimizes the first mismatch of each distinct signature, up to the limit. */
    private List<Reproduction> minimize(List<CaseMismatch> mismatches, Map<CaseMismatch, Long> windowSeeds, Path dir)
            throws IOException, InterruptedException {
        List<Reproduction> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        CaseMinimizer minimizer = new CaseMinimizer(dir.resolve("work"), settings.exoTimeoutSeconds());
        for (CaseMismatch m : mismatches) {
            if (out.size() >= settings.minimizeLimit()) break;
            if (seen.contains(m.signature()) || m.stopped() != null && m.stopped().contains(ExoRunner.TIMEOUT)) continue;
            seen.add(m.signature());
            String name = String.format("repro-%02d", out.size());
            try {
                CaseMismatch small = minimizer.minimize(m, windowSeeds.get(m), name);
                if (small == null) continue;
                GuestProgram alone = new GuestProgram(name, List.of(small.gcase()), windowSeeds.get(m));
                PreparedProgram p = PreparedProgram.prepare(alone, dir);
                CaseMismatch located = new CaseMismatch(name, p.source(), 0, small.gcase(), small.differences(), small.stopped());
                out.add(new Reproduction(m, located, p.source(), p.elf()));
                log.info("minimized {} case {} from {} to {} units", m.program(), m.caseIndex(), m.gcase().units().size(),
                        small.gcase().units().size());
            } catch (IOException e) {
                log.warn("could not minimize {} case {}: {}", m.program(), m.caseIndex(), e.getMessage());
            }
        }
        return out;
    }

    /** The full text report: summary, reproductions, then every mismatch. */
    static String report(Outcome o, int maxMismatches) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("CPU differential campaign: %d programs, %d cases compared, %d guest instructions on Exo-OS "
                        + "(%d in the streams under test, the rest is the dump harness), %.1f s total, %.1f s in Exo-OS%n",
                o.programs(), o.cases(), o.exoInstret(), o.streamInstret(), o.elapsedNanos() / 1e9, o.exoNanos() / 1e9));
        s.append(o.mismatches().size()).append(" mismatching cases, ").append(o.failures().size()).append(" program failures\n");
        Map<String, Integer> bySignature = new LinkedHashMap<>();
        for (CaseMismatch m : o.mismatches()) bySignature.merge(m.signature(), 1, Integer::sum);
        bySignature.forEach((sig, n) -> s.append(String.format("  %5d x %s%n", n, sig)));
        for (String f : o.failures()) s.append("FAILURE ").append(f).append('\n');
        for (Reproduction r : o.reproductions()) {
            s.append("\nMINIMIZED from ").append(r.original().program()).append(" case ").append(r.original().caseIndex())
                    .append(" (").append(r.original().gcase().units().size()).append(" units -> ")
                    .append(r.minimized().gcase().units().size()).append("); reproduce: ")
                    .append(Toolchain.QEMU).append(' ').append(r.elf()).append(" | xxd  vs  bin/exo run ").append(r.elf()).append(" | xxd\n");
            s.append(MismatchReport.describe(r.minimized()));
        }
        int shown = 0;
        for (CaseMismatch m : o.mismatches()) {
            if (shown++ == maxMismatches) {
                s.append("\n... and ").append(o.mismatches().size() - maxMismatches).append(" more mismatching cases\n");
                break;
            }
            s.append("\nMISMATCH ").append(MismatchReport.describe(m));
        }
        return s.toString();
    }
}
