package org.opencpm.store.history.imap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Modified UTF-7 for IMAP mailbox names (RFC 3501 §5.1.3). */
final class MailboxNames {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private MailboxNames() {
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int start = i;
                while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                    i++;
                }
                byte[] utf16 = name.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
                out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            }
        }
        return out.toString();
    }

    static String decode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            int dash = c == '&' ? name.indexOf('-', i) : -1;
            if (c != '&' || dash < 0) {
                out.append(c);
                i++;
            } else if (dash == i + 1) {
                out.append('&');
                i += 2;
            } else {
                byte[] utf16 = DECODER.decode(name.substring(i + 1, dash).replace(',', '/'));
                out.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)));
                i = dash + 1;
            }
        }
        return out.toString();
    }
}
