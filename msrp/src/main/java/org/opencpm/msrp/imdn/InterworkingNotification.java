package org.opencpm.msrp.imdn;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <cpmimdn:interworking-notification>} with its status. It is the OMA CPM extension in namespace
 * {@value ImdnDocument#CPM_IMDN_NAMESPACE}, sent when a message was interworked to SMS/MMS (reference §7.3).
 *
 * @param status the status
 */
public record InterworkingNotification(Status status) implements Notification {

    /** The status values the schema allows in this notification. */
    public enum Status implements StatusElement {
        /** {@code <legacy-sms/>}: the message was delivered as SMS by an interworking function. */
        LEGACY_SMS("legacy-sms"),
        /** {@code <legacy-mms/>}: the message was delivered as MMS by an interworking function. */
        LEGACY_MMS("legacy-mms"),
        /** {@code <error/>}: interworking failed. */
        ERROR("error");

        private final String element;

        Status(String element) {
            this.element = element;
        }

        /** The element name, e.g. {@code legacy-sms}. */
        @Override
        public String element() {
            return element;
        }

        /** The status for an element name; empty if this notification does not define it. */
        public static Optional<Status> fromElement(String localName) {
            return StatusElement.find(values(), localName);
        }
    }

    /** Requires a status. */
    public InterworkingNotification {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public DispositionType type() {
        return DispositionType.INTERWORKING;
    }

    @Override
    public String statusElement() {
        return status.element();
    }
}
