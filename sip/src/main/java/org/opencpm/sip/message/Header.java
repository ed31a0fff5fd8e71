package org.opencpm.sip.message;

/** One header field as it appeared: the canonical name and the unfolded, trimmed value. */
public record Header(String name, String value) {

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
