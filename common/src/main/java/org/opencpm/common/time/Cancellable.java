package org.opencpm.common.time;

/** A scheduled task that may still be cancelled. Cancelling twice, or after it ran, does nothing. */
@FunctionalInterface
public interface Cancellable {

    /** Cancels the task if it has not run yet. */
    void cancel();

    /** A handle that refers to nothing; cancelling it does nothing. */
    Cancellable NONE = () -> { };
}
