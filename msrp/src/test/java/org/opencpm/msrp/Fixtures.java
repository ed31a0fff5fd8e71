package org.opencpm.msrp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads wire fixtures from {@code src/test/resources/msrp/}; lines are stored with LF and sent with CRLF. */
public final class Fixtures {

    /** Every RFC 4975/4976 example fixture. */
    public static final List<String> ALL = List.of(
            "rfc4975-send-text.msrp",
            "rfc4975-response-200.msrp",
            "rfc4975-send-html-success-report.msrp",
            "rfc4975-report-success.msrp",
            "rfc4975-report-failure.msrp",
            "rfc4975-bodiless-send.msrp",
            "rfc4975-chunk-first.msrp",
            "rfc4975-chunk-last.msrp",
            "rfc4975-chunk-aborted.msrp",
            "rfc4975-response-413.msrp",
            "rfc4975-response-no-comment.msrp",
            "rfc4976-relay-multi-hop.msrp",
            "rfc4976-auth-unknown-method.msrp",
            "ipv6-cpim.msrp",
            "body-with-foreign-end-line.msrp");

    private Fixtures() {
    }

    public static byte[] load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/msrp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
