package org.opencpm.msrp.imdn;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <processing-notification>} with its status.
 *
 * @param status the status
 */
public record ProcessingNotification(Status status) implements Notification {

    /** The status values the schema allows in this notification. */
    public enum Status implements StatusElement {
        /** {@code <processed/>}: an intermediary processed the message. */
        PROCESSED("processed"),
        /** {@code <stored/>}: an intermediary stored the message for later delivery. */
        STORED("stored"),
        /** {@code <forbidden/>}: the intermediary refuses to send this notification. */
        FORBIDDEN("forbidden"),
        /** {@code <error/>}: the notification could not be produced. */
        ERROR("error");

        private final String element;

        Status(String element) {
            this.element = element;
        }

        /** The element name, e.g. {@code processed}. */
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
    public ProcessingNotification {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public DispositionType type() {
        return DispositionType.PROCESSING;
    }

    @Override
    public String statusElement() {
        return status.element();
    }
}
