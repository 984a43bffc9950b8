package org.exoos.ipc.fusion.cap;

/**
 * Thrown by a ring operation whose capability was revoked, whose holder died, or whose channel
 * was reset: the endpoint is finished and must be dropped (a new capability attaches anew).
 */
public final class RevokedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RevokedException(final String message) {
        super(message);
    }
}
