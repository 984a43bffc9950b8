package org.exoos.it.difftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exo-OS's RV64GC against qemu-riscv64, a CPU nobody here wrote: every directed edge-case group plus
 * random streams from a fixed seed, all registers, fcsr and the scratch memory compared after each case.
 *
 * <p>Scale with -Dexo.difftest.programs=N (random programs of 80 cases) and change the seed with
 * -Dexo.difftest.seed=S. The full report goes to target/difftest/report.txt.
 */
class CpuDifferentialTest {
    private static final Logger log = LoggerFactory.getLogger(CpuDifferentialTest.class);
    static final long SEED = 0x00e7_05d1_ff7e_57L;
    static final long MINIMUM_STREAM_INSTRUCTIONS = 100_000;

    @Test
    void exoOsMatchesQemuOnDirectedAndRandomRv64gcStreams() throws Exception {
        Toolchain.requireInstalled();
        Path dir = Path.of(System.getProperty("exo.difftest.dir", "target/difftest"));
        long seed = Long.decode(System.getProperty("exo.difftest.seed", Long.toString(SEED)));
        var settings = new DifferentialCampaign.Settings(seed, true, Integer.getInteger("exo.difftest.programs", 8),
                80, 500, Integer.getInteger("exo.difftest.minimize", 8), 60, dir);
        DifferentialCampaign.Outcome outcome = new DifferentialCampaign(settings).run();
        String report = DifferentialCampaign.report(outcome, 30);
        Files.writeString(dir.resolve("report.txt"), report);
        log.info("{}", report.lines().limit(3).reduce((a, b) -> a + "\n" + b).orElse(""));

        assertTrue(outcome.clean(), () -> "Exo-OS differs from qemu-riscv64 (full report: " + dir.resolve("report.txt")
                + ")\n" + truncate(report, 60_000));
        assertTrue(outcome.streamInstret() >= MINIMUM_STREAM_INSTRUCTIONS, () -> "the campaign ran only "
                + outcome.streamInstret() + " stream instructions (" + outcome.exoInstret() + " in all), fewer than "
                + MINIMUM_STREAM_INSTRUCTIONS);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n... (truncated; see the report file)";
    }
}
