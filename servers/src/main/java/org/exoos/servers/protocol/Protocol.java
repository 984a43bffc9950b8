package org.exoos.servers.protocol;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.COUNTER_ID_LENGTH;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_CANCEL;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_COUNTER;
import static org.exoos.servers.protocol.MessageHeaderDescriptor.OP_NOP;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A service's wire protocol: its id, its version and its operation table, shared by the client
 * (which stamps id and version on every request) and the server (which checks every request
 * against it before the service sees it). The table is data, so it can be printed and counted.
 */
public final class Protocol {
    private final String name;
    private final int id;
    private final int version;
    private final int flags;
    /** Indexed by operation code, up to the largest defined; null where undefined. */
    private final Operation[] table;
    private final List<Operation> operations;

    private Protocol(final String name, final int id, final int version, final List<Operation> operations) {
        this.name = name;
        this.id = id;
        this.version = version;
        this.flags = MessageHeaderDescriptor.flags(id, version);
        int largest = 0;
        for (final Operation operation : operations) {
            largest = Math.max(largest, operation.code());
        }
        this.table = new Operation[largest + 1];
        for (final Operation operation : operations) {
            if (table[operation.code()] != null) {
                throw new IllegalArgumentException(name + ": operation " + operation.code() + " defined twice ("
                    + table[operation.code()].name() + ", " + operation.name() + ")");
            }
            table[operation.code()] = operation;
        }
        this.operations = Collections.unmodifiableList(Arrays.asList(
            Arrays.stream(table).filter(o -> o != null).toArray(Operation[]::new)));
    }

    /** Starts the table of protocol {@code name}, id {@code id} ({@link ProtocolIds}), version {@code version}. */
    public static Builder builder(final String name, final int id, final int version) {
        return new Builder(name, id, version);
    }

    /**
     * Checks a request's envelope and shape against this protocol, framework operations included.
     *
     * @return null if the request may be dispatched, otherwise why not
     */
    public Rejection check(final int operation, final int slotFlags, final int argumentsLength, final boolean hasData) {
        if (MessageHeaderDescriptor.protocolId(slotFlags) != id) {
            return Rejection.WRONG_PROTOCOL;
        }
        if (MessageHeaderDescriptor.version(slotFlags) != version) {
            return Rejection.WRONG_VERSION;
        }
        final int min;
        final int max;
        final DataRule data;
        if (operation < table.length && table[operation] != null) {
            final Operation entry = table[operation];
            min = entry.minArgumentsLength();
            max = entry.maxArgumentsLength();
            data = entry.data();
        } else if (operation == OP_NOP || operation == OP_CANCEL) {
            min = 0;
            max = 0;
            data = DataRule.NONE;
        } else if (operation == OP_COUNTER) {
            min = COUNTER_ID_LENGTH;
            max = COUNTER_ID_LENGTH;
            data = DataRule.NONE;
        } else {
            return Rejection.UNKNOWN_OPERATION;
        }
        if (argumentsLength < min || argumentsLength > max) {
            return Rejection.BAD_LENGTH;
        }
        if (hasData && data == DataRule.NONE) {
            return Rejection.UNEXPECTED_DATA;
        }
        if (!hasData && data == DataRule.REQUIRED) {
            return Rejection.MISSING_DATA;
        }
        return null;
    }

    /** The table entry of {@code code}, or null if the service defines no such operation. */
    public Operation operation(final int code) {
        return code >= 0 && code < table.length ? table[code] : null;
    }

    /** The service's operations, by code. */
    public List<Operation> operations() {
        return operations;
    }

    /** A name for logs and errors, e.g. "vfs". */
    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    public int version() {
        return version;
    }

    /** The slot flags every message of this protocol carries. */
    public int flags() {
        return flags;
    }

    /** The same table under another version: what an out-of-date peer would speak (for tests). */
    public Protocol withVersion(final int otherVersion) {
        return new Protocol(name, id, otherVersion, operations);
    }

    @Override
    public String toString() {
        return name + " protocol (id " + id + ", version " + version + ", " + operations.size() + " operations)";
    }

    /** Collects a protocol's operations. */
    public static final class Builder {
        private final String name;
        private final int id;
        private final int version;
        private final List<Operation> operations = new ArrayList<>();

        private Builder(final String name, final int id, final int version) {
            this.name = name;
            this.id = id;
            this.version = version;
            MessageHeaderDescriptor.flags(id, version); // throws with the reason
        }

        public Builder operation(final Operation operation) {
            operations.add(operation);
            return this;
        }

        /** Adds an operation whose arguments are exactly {@code argumentsLength} bytes. */
        public Builder operation(final int code, final String opName, final int argumentsLength, final DataRule data) {
            return operation(Operation.fixed(code, opName, argumentsLength, data));
        }

        /** Adds an operation whose arguments are {@code min}..{@code max} bytes. */
        public Builder operation(final int code, final String opName, final int min, final int max, final DataRule data) {
            return operation(new Operation(code, opName, min, max, data));
        }

        public Protocol build() {
            return new Protocol(name, id, version, operations);
        }
    }
}
