package org.opencpm.msrp.imdn;

/**
 * The one notification an {@code <imdn>} document carries: exactly one of delivery, display,
 * processing (RFC 5438) or the OMA CPM interworking notification. Sealed, so that the
 * four cases are known; a test asserts both the type and the status:
 *
 * <pre>{@code
 * assertThat(document.notification())
 *         .isEqualTo(new DeliveryNotification(DeliveryNotification.Status.DELIVERED));
 * if (document.notification() instanceof DisplayNotification display) { ... }
 * }</pre>
 */
public sealed interface Notification
        permits DeliveryNotification, DisplayNotification, ProcessingNotification, InterworkingNotification {

    /** The disposition type, for caching and suppression. */
    DispositionType type();

    /** The status element's name as written in XML, e.g. {@code delivered} or {@code legacy-sms}. */
    String statusElement();
}
