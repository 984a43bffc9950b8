package org.exoos.ipc.fusion.cap;

/** An attach was refused: the token, its generation, its state or its rights did not hold. */
public final class CapabilityRefusedException extends SecurityException {
    private static final long serialVersionUID = 1L;

    public CapabilityRefusedException(final String message) {
        super(message);
    }
}
