package org.opencpm.msrp.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test vectors from {@code src/test/resources}. */
public final class TestResources {

    private TestResources() {
    }

    /** The bytes of a resource, e.g. {@code bytes("cpim/rfc3862-example.txt")}. */
    public static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string as UTF-8 bytes, with every LF turned into CRLF. */
    public static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
