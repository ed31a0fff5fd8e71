package org.opencpm.msrp.cpim;

import java.util.Locale;
import java.util.Optional;

/**
 * A token of the {@code imdn.Disposition-Notification} CPIM header (RFC 5438), with which the
 * sender of a message asks for disposition notifications.
 *
 * <pre>
 * NS: imdn &lt;urn:ietf:params:imdn&gt;
 * imdn.Disposition-Notification: positive-delivery, display
 * </pre>
 *
 * <p>{@link #INTERWORKING} is the OMA CPM extension token (a real network sends
 * {@code display, interworking}). Unknown tokens are ignored by {@link #fromToken(String)} returning
 * empty, as RFC 5438 requires of extensions a receiver does not understand.
 */
public enum DispositionRequest {
    /** {@code positive-delivery}: a delivery notification when the message is delivered. */
    POSITIVE_DELIVERY("positive-delivery"),
    /** {@code negative-delivery}: a delivery notification when delivery fails. */
    NEGATIVE_DELIVERY("negative-delivery"),
    /** {@code display}: a display notification (read report). */
    DISPLAY("display"),
    /** {@code processing}: a processing notification from an intermediary. */
    PROCESSING("processing"),
    /** {@code interworking}: the OMA CPM interworking notification (message sent as SMS/MMS). */
    INTERWORKING("interworking");

    private final String token;

    DispositionRequest(String token) {
        this.token = token;
    }

    /** The header token, e.g. {@code positive-delivery}. */
    public String token() {
        return token;
    }

    /** The request for a token, ignoring case and surrounding whitespace; empty if unknown. */
    public static Optional<DispositionRequest> fromToken(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        for (DispositionRequest r : values()) {
            if (r.token.equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
