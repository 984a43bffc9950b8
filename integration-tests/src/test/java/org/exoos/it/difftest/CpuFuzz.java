package org.exoos.it.difftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-ended differential fuzzing: random RV64GC streams from fresh seeds, each seed a batch of
 * programs, until -Dexo.fuzz.seconds (default 60) runs out. Each failing seed is printed with the command
 * that reruns exactly it (-Dexo.fuzz.seed=S). Not part of the regular suite (the name does not end in Test);
 * run it with `make fuzz-cpu`.
 */
class CpuFuzz {
    private static final Logger log = LoggerFactory.getLogger(CpuFuzz.class);
    static final int PROGRAMS_PER_SEED = 4;

    @Test
    void randomStreamsMatchQemuUntilTheTimeLimit() throws Exception {
        Toolchain.requireInstalled();
        long seconds = Long.getLong("exo.fuzz.seconds", 60);
        String fixed = System.getProperty("exo.fuzz.seed");
        Path root = Path.of(System.getProperty("exo.difftest.dir", "target/difftest")).resolve("fuzz");
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        SplittableRandom seeds = new SplittableRandom();
        List<String> failing = new ArrayList<>();
        long instructions = 0;
        int rounds = 0;
        do {
            long seed = fixed != null ? Long.decode(fixed) : seeds.nextLong();
            Path dir = root.resolve(String.format("%016x", seed));
            var settings = new DifferentialCampaign.Settings(seed, false, PROGRAMS_PER_SEED, 50, 400, 2, 60, dir);
            DifferentialCampaign.Outcome outcome = new DifferentialCampaign(settings).run();
            instructions += outcome.streamInstret();
            rounds++;
            if (outcome.clean()) {
                deleteTree(dir);
            } else {
                String report = DifferentialCampaign.report(outcome, 10);
                Files.writeString(dir.resolve("report.txt"), report);
                String line = String.format("seed 0x%016x: %d mismatching cases, %d failures; report %s; reproduce: "
                                + "mvn -pl integration-tests -am test -Dtest=CpuFuzz -Dsurefire.failIfNoSpecifiedTests=false -Dexo.fuzz.seed=0x%016x",
                        seed, outcome.mismatches().size(), outcome.failures().size(), dir.resolve("report.txt"), seed);
                failing.add(line);
                log.error("FAILING {}\n{}", line, CpuDifferentialTest.truncate(report, 20_000));
            }
        } while (fixed == null && System.nanoTime() < deadline);
        log.info("fuzzed {} seeds ({} programs, {} stream instructions), {} failing", rounds,
                rounds * PROGRAMS_PER_SEED, instructions, failing.size());
        assertTrue(failing.isEmpty(), () -> "failing seeds:\n" + String.join("\n", failing));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
