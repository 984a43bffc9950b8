package org.exoos.it.difftest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compares one program's dumps from qemu-riscv64 (the reference) and Exo-OS, case by case. */
record ProgramComparison(List<CaseMismatch> mismatches, List<String> failures, int casesCompared) {

    static ProgramComparison of(GuestProgram program, Path source, GuestRun reference, GuestRun exo) {
        List<CaseMismatch> mismatches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int n = program.cases().size();
        DumpRecord.Parsed ref = DumpRecord.parseAll(reference.stdout());
        int expectedStatus = program.faultingEnd() == null ? 0 : reference.status();
        if (!reference.completed() || reference.status() != 0 && program.faultingEnd() == null
                || program.faultingEnd() != null && reference.status() <= 128
                || ref.problem() != null || ref.records().size() != n) {
            failures.add("reference run of " + program.name() + " (" + source + ") is broken (a harness bug, not an Exo-OS one): "
                    + (reference.failure() != null ? reference.failure() : "status " + reference.status())
                    + ", " + ref.records().size() + " of " + n + " records"
                    + (ref.problem() != null ? ", " + ref.problem() : "") + (reference.stderr().isBlank() ? "" : ", stderr: " + reference.stderr().strip()));
            return new ProgramComparison(mismatches, failures, 0);
        }
        DumpRecord.Parsed actual = DumpRecord.parseAll(exo.stdout());
        int compared = Math.min(n, actual.records().size());
        for (int i = 0; i < compared; i++) {
            List<StateDifference> diffs = StateDifference.between(ref.records().get(i), actual.records().get(i));
            if (actual.records().get(i).caseIndex() != i) {
                diffs = new ArrayList<>(diffs);
                diffs.addFirst(new StateDifference("case-index", i, actual.records().get(i).caseIndex()));
            }
            if (!diffs.isEmpty()) mismatches.add(new CaseMismatch(program.name(), source, i, program.cases().get(i), diffs, null));
        }
        String how = (exo.failure() != null ? exo.failure() : "exit status " + exo.status())
                + (actual.problem() != null ? "; " + actual.problem() : "")
                + (exo.stderr().isBlank() ? "" : "; stderr: " + exo.stderr().strip());
        if (compared < n) {
            mismatches.add(new CaseMismatch(program.name(), source, compared, program.cases().get(compared), List.of(),
                    "Exo-OS stopped during this case after " + compared + " of " + n + " records: " + how));
        } else if (exo.failure() != null || exo.status() != expectedStatus || actual.problem() != null) {
            if (program.faultingEnd() != null) {
                failures.add(program.name() + ": after its faulting end " + program.faultingEnd().lines()
                        + " qemu-riscv64 exited with status " + expectedStatus + " (128 + signal), Exo-OS with " + how);
            } else {
                failures.add(program.name() + ": all " + n + " records match but Exo-OS ended with " + how);
            }
        }
        return new ProgramComparison(mismatches, failures, compared);
    }
}
