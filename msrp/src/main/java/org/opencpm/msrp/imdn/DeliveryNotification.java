package org.opencpm.msrp.imdn;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <delivery-notification>} with its status.
 *
 * @param status the status
 */
public record DeliveryNotification(Status status) implements Notification {

    /** The status values the schema allows in this notification. */
    public enum Status implements StatusElement {
        /** {@code <delivered/>}: the message was delivered to the recipient. */
        DELIVERED("delivered"),
        /** {@code <failed/>}: delivery failed. */
        FAILED("failed"),
        /** {@code <forbidden/>}: the recipient refuses to send this notification (privacy). */
        FORBIDDEN("forbidden"),
        /** {@code <error/>}: the notification could not be produced. */
        ERROR("error");

        private final String element;

        Status(String element) {
            this.element = element;
        }

        /** The element name, e.g. {@code delivered}. */
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
    public DeliveryNotification {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public DispositionType type() {
        return DispositionType.DELIVERY;
    }

    @Override
    public String statusElement() {
        return status.element();
    }
}
