package org.exoos.it.difftest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a mismatching case to a few units by delta debugging over its units. Each round puts every
 * candidate (each chunk alone, and the case without each chunk) into one program as separate cases,
 * runs it once on both engines and keeps the smallest candidate that still mismatches.
 */
final class CaseMinimizer {
    static final int MAX_ROUNDS = 40;

    private final Path dir;
    private final long exoTimeoutSeconds;
    private int programs;

    CaseMinimizer(Path dir, long exoTimeoutSeconds) {
        this.dir = dir;
        this.exoTimeoutSeconds = exoTimeoutSeconds;
    }

    /** The minimized case with its mismatch, or null when the original no longer mismatches on its own. */
    CaseMismatch minimize(CaseMismatch original, long windowSeed, String name) throws IOException, InterruptedException {
        CaseMismatch best = evaluate(name, windowSeed, List.of(original.gcase())).getFirst();
        if (best == null) return null;
        List<Unit> units = original.gcase().units();
        int chunks = 2;
        for (int round = 0; round < MAX_ROUNDS && units.size() >= 2; round++) {
            List<List<Unit>> candidates = new ArrayList<>();
            int size = units.size();
            for (int i = 0; i < chunks; i++) {
                int from = i * size / chunks, to = (i + 1) * size / chunks;
                if (from == to) continue;
                candidates.add(units.subList(from, to));
                List<Unit> complement = new ArrayList<>(units.subList(0, from));
                complement.addAll(units.subList(to, size));
                candidates.add(complement);
            }
            List<GuestCase> cases = new ArrayList<>();
            for (List<Unit> c : candidates) cases.add(original.gcase().withUnits(c));
            List<CaseMismatch> results = evaluate(name, windowSeed, cases);
            int pick = -1;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) != null && (pick < 0 || candidates.get(i).size() < candidates.get(pick).size())) pick = i;
            }
            if (pick >= 0) {
                units = candidates.get(pick);
                best = results.get(pick);
                chunks = Math.max(2, Math.min(chunks, units.size()));
            } else if (chunks < size) {
                chunks = Math.min(size, chunks * 2);
            } else {
                break;
            }
        }
        return best;
    }

    /** Runs the cases as one program; entry i is case i's mismatch, or null when it matches. */
    private List<CaseMismatch> evaluate(String name, long windowSeed, List<GuestCase> cases)
            throws IOException, InterruptedException {
        GuestProgram program = new GuestProgram(name + "-round" + programs++, cases, windowSeed);
        PreparedProgram prepared = PreparedProgram.prepare(program, dir);
        GuestRun exo = ExoRunner.run(prepared.elf(), exoTimeoutSeconds);
        ProgramComparison comparison = ProgramComparison.of(program, prepared.source(), prepared.reference(), exo);
        if (!comparison.failures().isEmpty() && comparison.casesCompared() == 0) {
            throw new IOException("minimization run failed: " + comparison.failures());
        }
        List<CaseMismatch> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) out.add(null);
        for (CaseMismatch m : comparison.mismatches()) out.set(m.caseIndex(), m);
        return out;
    }
}
