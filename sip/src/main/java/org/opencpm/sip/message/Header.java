package org.opencpm.sip.message;

/**
 * One header field as it appeared: the canonical name and the unfolded, trimmed value. The name is
 * canonicalized on construction ({@link HeaderNames#canonical}), so a known header's name is always
 * the {@link HeaderNames} constant and lookups can compare by identity.
 */
public record Header(String name, String value) {

    public Header {
        name = HeaderNames.canonical(name);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
