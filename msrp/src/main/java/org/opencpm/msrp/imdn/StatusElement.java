package org.opencpm.msrp.imdn;

import java.util.Optional;

/**
 * A status of a notification, written as an empty XML element ({@code <delivered/>}, {@code <stored/>}):
 * what the status enums of the four notification types share.
 */
interface StatusElement {

    /** The element name, e.g. {@code delivered}. */
    String element();

    /** The status among {@code values} whose element name is {@code localName}; empty if none is. */
    static <S extends StatusElement> Optional<S> find(S[] values, String localName) {
        for (S s : values) {
            if (s.element().equals(localName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
