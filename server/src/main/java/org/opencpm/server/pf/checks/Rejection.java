package org.opencpm.server.pf.checks;

/**
 * An admission check's verdict that ends a procedure: the status, reason phrase and, where the seeds
 * require one, the OMA warning text carried as {@code Warning: 399 <host> "<code text>"} (AMB-27).
 */
public record Rejection(int status, String reason, String warningText) {

    public static Rejection of(int status, String reason) {
        return new Rejection(status, reason, null);
    }

    public static Rejection forbidden(String warningText) {
        return new Rejection(403, "Forbidden", warningText);
    }
}
