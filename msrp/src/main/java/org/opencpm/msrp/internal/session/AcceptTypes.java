package org.opencpm.msrp.internal.session;

import java.util.List;
import java.util.Locale;

/** Matches a Content-Type against SDP {@code a=accept-types} (RFC 4975 §8.6): {@code *}, {@code type/*}, exact. */
final class AcceptTypes {

    private AcceptTypes() {
    }

    static boolean accepts(List<String> acceptTypes, String contentType) {
        if (acceptTypes.isEmpty()) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        for (String accepted : acceptTypes) {
            String a = accepted.trim().toLowerCase(Locale.ROOT);
            if (a.equals("*") || a.equals(type) || a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
