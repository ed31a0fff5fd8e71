package org.opencpm.msrp.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.internal.grammar.UriGrammar;

/**
 * The MSRP media description of an SDP body (RFC 4975 §8, RFC 6135): just the lines this module needs.
 *
 * <pre>
 * m=message 2855 TCP/MSRP *
 * a=accept-types:message/cpim application/im-iscomposing+xml
 * a=accept-wrapped-types:text/plain message/imdn+xml
 * a=path:msrp://192.0.2.1:2855/s8d7f6;tcp
 * a=setup:actpass
 * a=max-size:1048576
 * </pre>
 *
 * Other lines of the media section (c=, a=sendrecv, a=msrp-cema …) are left to the SIP layer. Parse the
 * section of the peer with {@link #parse(String)}, build ours with {@link #of} and {@link #toSdp()}.
 *
 * @param port               the m-line port (9 for an endpoint that only connects, RFC 6135)
 * @param secure             true for {@code TCP/TLS/MSRP}
 * @param path               the {@code a=path} URIs
 * @param acceptTypes        {@code a=accept-types}; must not be empty (RFC 4975 §8.6)
 * @param acceptWrappedTypes {@code a=accept-wrapped-types}, possibly empty
 * @param setup              {@code a=setup}, or {@code null} if absent
 * @param maxSize            {@code a=max-size} in bytes, or {@code null} if absent
 */
public record MsrpMedia(int port, boolean secure, List<MsrpUri> path, List<String> acceptTypes,
                        List<String> acceptWrappedTypes, SdpSetup setup, Long maxSize) {

    public MsrpMedia {
        path = List.copyOf(path);
        acceptTypes = List.copyOf(acceptTypes);
        acceptWrappedTypes = List.copyOf(acceptWrappedTypes);
        if (path.isEmpty()) {
            throw new MsrpSdpException("MSRP media without a=path");
        }
        if (acceptTypes.isEmpty()) {
            throw new MsrpSdpException("MSRP media without a=accept-types");
        }
        if (port < 0 || port > 65535) {
            throw new MsrpSdpException("port out of range: " + port);
        }
    }

    /** Our media description for {@code localUri}; the m-line port and transport come from the URI. */
    public static MsrpMedia of(MsrpUri localUri, List<String> acceptTypes, List<String> acceptWrappedTypes,
                               SdpSetup setup, Long maxSize) {
        return new MsrpMedia(localUri.effectivePort(), localUri.secure(), List.of(localUri), acceptTypes,
                acceptWrappedTypes, setup, maxSize);
    }

    /**
     * Parses the media section that starts with {@code m=message}; lines end with CRLF or LF, and lines
     * other than the ones above are ignored.
     */
    public static MsrpMedia parse(String mediaSection) {
        String[] lines = mediaSection.split("\r?\n");
        if (lines.length == 0 || !lines[0].startsWith("m=")) {
            throw new MsrpSdpException("a media section starts with m=");
        }
        String[] m = lines[0].substring(2).trim().split(" +");
        if (m.length < 4 || !m[0].equals("message")) {
            throw new MsrpSdpException("not an MSRP m-line: " + lines[0]);
        }
        boolean secure;
        if (m[2].equalsIgnoreCase("TCP/MSRP")) {
            secure = false;
        } else if (m[2].equalsIgnoreCase("TCP/TLS/MSRP")) {
            secure = true;
        } else {
            throw new MsrpSdpException("not an MSRP transport: " + m[2]);
        }
        int port = parseNumber(m[1], "port");
        List<MsrpUri> path = new ArrayList<>();
        List<String> accept = new ArrayList<>();
        List<String> wrapped = new ArrayList<>();
        SdpSetup setup = null;
        Long maxSize = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("m=")) {
                break;
            }
            if (line.startsWith("a=path:")) {
                path.addAll(parsePath(value(line)));
            } else if (line.startsWith("a=accept-types:")) {
                accept.addAll(tokens(value(line)));
            } else if (line.startsWith("a=accept-wrapped-types:")) {
                wrapped.addAll(tokens(value(line)));
            } else if (line.startsWith("a=setup:")) {
                setup = SdpSetup.parse(value(line));
            } else if (line.startsWith("a=max-size:")) {
                maxSize = (long) parseNumber(value(line), "a=max-size");
            }
        }
        return new MsrpMedia(port, secure, path, accept, wrapped, setup, maxSize);
    }

    /** The media section, each line ending in CRLF. */
    public String toSdp() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("m=message ").append(port).append(secure ? " TCP/TLS/MSRP *" : " TCP/MSRP *").append("\r\n");
        sb.append("a=accept-types:").append(String.join(" ", acceptTypes)).append("\r\n");
        if (!acceptWrappedTypes.isEmpty()) {
            sb.append("a=accept-wrapped-types:").append(String.join(" ", acceptWrappedTypes)).append("\r\n");
        }
        sb.append("a=path:").append(UriGrammar.formatPath(path)).append("\r\n");
        if (setup != null) {
            sb.append("a=setup:").append(setup.wireValue()).append("\r\n");
        }
        if (maxSize != null) {
            sb.append("a=max-size:").append(maxSize).append("\r\n");
        }
        return sb.toString();
    }

    /**
     * The session parameters for our side, given the peer's media description.
     *
     * @param ours our own media description (its last path URI is our local URI)
     * @param role who connects, from {@link SdpSetup#answerFor} or {@link SdpSetup#offererRole}
     */
    public static MsrpSessionParameters sessionParameters(MsrpMedia ours, MsrpMedia theirs, SetupRole role) {
        Objects.requireNonNull(role, "role");
        return new MsrpSessionParameters(ours.path.get(ours.path.size() - 1), theirs.path, role, ours.acceptTypes,
                theirs.maxSize);
    }

    private static List<MsrpUri> parsePath(String value) {
        try {
            return UriGrammar.parsePath(value);
        } catch (MsrpParseException e) {
            throw new MsrpSdpException("bad a=path: " + e.getMessage());
        }
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    private static List<String> tokens(String value) {
        return Arrays.asList(value.trim().split("[ \t]+"));
    }

    private static int parseNumber(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new MsrpSdpException("bad " + what + ": " + s);
        }
    }
}
