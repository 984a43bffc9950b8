package org.exoos.servers.protocol;

/**
 * One entry of a service's operation table: the shape a request must have to reach the service.
 * The framework checks it before dispatch, so a handler may read its fixed argument fields
 * without bounds checks of its own.
 *
 * @param code               the operation (slot type), 1..{@link MessageHeaderDescriptor#MAX_SERVICE_OPERATION}
 * @param name               for logs and tables
 * @param minArgumentsLength the fewest inline argument bytes
 * @param maxArgumentsLength the most inline argument bytes, at most
 *                           {@link MessageHeaderDescriptor#MAX_ARGUMENTS_LENGTH}
 * @param data               whether a data-region block may or must come with it
 */
public record Operation(int code, String name, int minArgumentsLength, int maxArgumentsLength, DataRule data) {
    public Operation {
        if (code < 1 || code > MessageHeaderDescriptor.MAX_SERVICE_OPERATION) {
            throw new IllegalArgumentException("operation " + code + " outside 1.."
                + MessageHeaderDescriptor.MAX_SERVICE_OPERATION);
        }
        if (minArgumentsLength < 0 || maxArgumentsLength < minArgumentsLength
            || maxArgumentsLength > MessageHeaderDescriptor.MAX_ARGUMENTS_LENGTH) {
            throw new IllegalArgumentException(name + ": argument length " + minArgumentsLength + ".."
                + maxArgumentsLength + " outside 0.." + MessageHeaderDescriptor.MAX_ARGUMENTS_LENGTH);
        }
        if (name == null || name.isBlank() || data == null) {
            throw new IllegalArgumentException("an operation needs a name and a data rule");
        }
    }

    /** An operation whose arguments are exactly {@code argumentsLength} bytes. */
    public static Operation fixed(final int code, final String name, final int argumentsLength, final DataRule data) {
        return new Operation(code, name, argumentsLength, argumentsLength, data);
    }
}
