package org.exoos.hal.mem;

/**
 * A cache of writable translations to frames that lets stores bypass the slow path: a hart's store TLB.
 * When a frame's bytes become decoded code, every such cache on the machine must forget the frame, so the
 * next store to it, from any hart, goes down the slow path and drops the decoded shadow.
 */
public interface WritableFrameCache {
    /** Drops every entry that maps to the frame at this host offset (any thread may call it). */
    void forgetFrame(long hostOffset);
}
