package org.opencpm.msrp.internal.session;

import org.opencpm.common.time.Scheduler;

/** Runs work on the owner of a state machine: now if called on its thread, else queued to it. */
final class Owners {

    private Owners() {
    }

    static void run(Scheduler owner, Runnable task) {
        if (owner.inOwnerThread()) {
            task.run();
        } else {
            owner.execute(task);
        }
    }
}
