package org.opencpm.server.cf;

/**
 * A CF procedure's refusal of a request: the status, reason phrase and, where CPM prescribes one, the OMA
 * warning text (AMB-27: sent as {@code Warning: 399 <domain> "<text>"}).
 */
public record CfRejection(int status, String reason, String warningText) {

    /** AMB-… / reference §5.5: a restart or re-join by a user who is not a member of the group. */
    public static final CfRejection NOT_A_MEMBER = new CfRejection(403, "Forbidden", "127 Service not authorised");

    public static CfRejection of(int status, String reason) {
        return new CfRejection(status, reason, null);
    }
}
