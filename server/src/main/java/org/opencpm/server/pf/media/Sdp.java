package org.opencpm.server.pf.media;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDP body (RFC 4566) split into its session-level lines and its media sections, just enough for
 * a B2BUA to derive one leg's offer or answer from the other's (CPM §5.2.1.2): the MSRP media
 * section is replaced with the PF's own, connection lines point at the PF, everything else is
 * copied. Lines are kept as written.
 */
public final class Sdp {

    private final List<String> session;
    private final List<List<String>> media;

    private Sdp(List<String> session, List<List<String>> media) {
        this.session = session;
        this.media = media;
    }

    /** Parses an SDP body; throws {@link IllegalArgumentException} naming the fault if it is not SDP. */
    public static Sdp parse(String body) {
        List<String> session = new ArrayList<>();
        List<List<String>> media = new ArrayList<>();
        List<String> current = session;
        boolean sawVersion = false;
        for (String raw : body.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new IllegalArgumentException("SDP line without '=': " + abbreviate(line));
            }
            if (line.startsWith("v=")) {
                sawVersion = true;
            }
            if (line.startsWith("m=")) {
                current = new ArrayList<>();
                media.add(current);
            }
            current.add(line);
        }
        if (!sawVersion) {
            throw new IllegalArgumentException("SDP without v= line");
        }
        if (media.isEmpty()) {
            throw new IllegalArgumentException("SDP without media");
        }
        return new Sdp(session, media);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The media types of the m-lines, e.g. ["message"]. */
    public List<String> mediaTypes() {
        List<String> types = new ArrayList<>(media.size());
        for (List<String> m : media) {
            String line = m.get(0).substring(2);
            int sp = line.indexOf(' ');
            types.add(sp < 0 ? line : line.substring(0, sp));
        }
        return types;
    }

    /** The first media section whose m-line is an MSRP one, as text, or null. */
    public String msrpSection() {
        for (List<String> m : media) {
            if (isMsrp(m.get(0))) {
                return String.join("\r\n", m) + "\r\n";
            }
        }
        return null;
    }

    private static boolean isMsrp(String mLine) {
        return mLine.startsWith("m=message ") && mLine.toUpperCase(java.util.Locale.ROOT).contains("/MSRP");
    }

    /**
     * A copy for the other leg: origin and connection lines naming {@code address}, the MSRP section
     * replaced with {@code msrpSection} (lines of the old section that the MSRP layer does not own, such
     * as {@code a=sendrecv} or {@code c=}, are dropped: the PF terminates the media), other sections kept.
     */
    public String derive(String address, String msrpSection, long sessionVersion) {
        StringBuilder sb = new StringBuilder(512);
        for (String line : session) {
            if (line.startsWith("o=")) {
                sb.append("o=- ").append(sessionVersion).append(' ').append(sessionVersion).append(" IN ")
                        .append(ipVersion(address)).append(' ').append(address).append("\r\n");
            } else if (line.startsWith("c=")) {
                sb.append("c=IN ").append(ipVersion(address)).append(' ').append(address).append("\r\n");
            } else {
                sb.append(line).append("\r\n");
            }
        }
        for (List<String> m : media) {
            if (isMsrp(m.get(0))) {
                sb.append(msrpSection);
                sb.append("c=IN ").append(ipVersion(address)).append(' ').append(address).append("\r\n");
            } else {
                for (String line : m) {
                    sb.append(line).append("\r\n");
                }
            }
        }
        return sb.toString();
    }

    private static String ipVersion(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }
}
