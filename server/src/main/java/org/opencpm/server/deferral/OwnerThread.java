package org.opencpm.server.deferral;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.opencpm.common.time.Scheduler;

/** Moves the completion of a store future (its writer or reader thread) onto the SIP owner thread. */
final class OwnerThread {

    private OwnerThread() {
    }

    static <T> CompletableFuture<T> hop(Scheduler owner, CompletableFuture<T> storeFuture) {
        CompletableFuture<T> out = new CompletableFuture<>();
        storeFuture.whenComplete((value, failure) -> {
            Runnable r = () -> {
                if (failure != null) {
                    out.completeExceptionally(unwrap(failure));
                } else {
                    out.complete(value);
                }
            };
            if (owner.inOwnerThread()) {
                r.run();
            } else {
                owner.execute(r);
            }
        });
        return out;
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
