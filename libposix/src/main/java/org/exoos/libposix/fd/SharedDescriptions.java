package org.exoos.libposix.fd;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How many fd tables refer to each open file description, for the tables of a family of processes forked
 * from one another (they share one instance). A description held by one table only has no entry; fork adds
 * one table for every description the parent holds. A table that lets go of a description closes it only
 * when no other table holds it, as Linux's fput does with the file's count.
 */
public final class SharedDescriptions {
    /** Tables holding each description held by more than one table. */
    private final Map<OpenFile, Integer> tables = new IdentityHashMap<>();

    /** One more table holds the description. */
    public synchronized void addTable(OpenFile file) {
        tables.merge(file, 2, (n, two) -> n + 1);
    }

    /** A table let go of the description; true when it was the last one to hold it (close it now). */
    public synchronized boolean dropTable(OpenFile file) {
        Integer n = tables.get(file);
        if (n == null) return true;
        if (n == 2) tables.remove(file);
        else tables.put(file, n - 1);
        return false;
    }
}
