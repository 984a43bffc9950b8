package org.exoos.it.difftest;

import java.nio.file.Path;
import java.util.List;

/**
 * A case whose final state on Exo-OS differs from qemu-riscv64's, or during which Exo-OS stopped
 * ({@code stopped} then says how, and {@code differences} is empty).
 */
record CaseMismatch(String program, Path source, int caseIndex, GuestCase gcase, List<StateDifference> differences,
                    String stopped) {
    CaseMismatch {
        differences = List.copyOf(differences);
    }

    /**
     * A short key that groups mismatches likely to share a cause: for directed cases the operations whose
     * stored results differ, otherwise the kinds of state that differ (x, f, fcsr, mem).
     */
    String signature() {
        if (stopped != null) return "stopped: " + stopped.lines().findFirst().orElse("");
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (StateDifference d : differences) {
            String store = MismatchReport.storeOf(d.location(), gcase.lines());
            if (store != null) {
                keys.add(store.substring(store.indexOf('#') + 1).strip().split(" ")[0]);
            } else {
                keys.add(d.location().startsWith("mem") ? "mem" : d.location().replaceAll("\\d", ""));
            }
        }
        return String.join(" ", keys);
    }
}
