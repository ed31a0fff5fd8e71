package org.opencpm.sip.transaction.internal;

import java.util.Locale;

/** Helpers shared by the state enums of the four transaction machines. */
final class States {

    private States() {
    }

    /** "PROCEEDING" → "Proceeding", the spelling of RFC 3261 §17. */
    static String rfcName(Enum<?> state) {
        String n = state.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }
}
