package org.opencpm.msrp.imdn;

import org.opencpm.msrp.cpim.DispositionRequest;

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
    INTERWORKING;

    /**
     * The notification type that answers a request token: both {@code positive-delivery} and
     * {@code negative-delivery} are answered by a delivery notification.
     */
    public static DispositionType answering(DispositionRequest request) {
        switch (request) {
            case POSITIVE_DELIVERY:
            case NEGATIVE_DELIVERY:
                return DELIVERY;
            case DISPLAY:
                return DISPLAY;
            case PROCESSING:
                return PROCESSING;
            case INTERWORKING:
                return INTERWORKING;
            default:
                throw new IllegalArgumentException("unknown disposition request " + request);
        }
    }
}
