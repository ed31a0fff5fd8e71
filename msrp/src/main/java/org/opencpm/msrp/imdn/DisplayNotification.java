package org.opencpm.msrp.imdn;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <display-notification>} with its status.
 *
 * @param status the status
 */
public record DisplayNotification(Status status) implements Notification {

    /** The status values the schema allows in this notification. */
    public enum Status implements StatusElement {
        /** {@code <displayed/>}: the message was shown to the user (read report). */
        DISPLAYED("displayed"),
        /** {@code <forbidden/>}: the recipient refuses to send this notification (privacy). */
        FORBIDDEN("forbidden"),
        /** {@code <error/>}: the notification could not be produced. */
        ERROR("error");

        private final String element;

        Status(String element) {
            this.element = element;
        }

        /** The element name, e.g. {@code displayed}. */
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
    public DisplayNotification {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public DispositionType type() {
        return DispositionType.DISPLAY;
    }

    @Override
    public String statusElement() {
        return status.element();
    }
}
