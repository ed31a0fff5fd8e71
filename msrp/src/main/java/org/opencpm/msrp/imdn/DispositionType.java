package org.opencpm.msrp.imdn;

/**
 * The kind of a disposition notification (RFC 5438, plus the OMA CPM interworking
 * extension): what a PF caches per message-id to suppress duplicates (PF-IMDN-T-02…09).
 */
public enum DispositionType {
    /** {@code <delivery-notification>}, requested by {@code positive-delivery} / {@code negative-delivery}. */
    DELIVERY,
    /** {@code <display-notification>}, requested by {@code display}. */
    DISPLAY,
    /** {@code <processing-notification>}, requested by {@code processing}. */
    PROCESSING,
    /** {@code <cpmimdn:interworking-notification>}, requested by {@code interworking}. */
    INTERWORKING
}
