package org.opencpm.store.history.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One IMAP command line being built: atoms, strings (quoted when they can be, literals otherwise) and
 * mailbox names (modified UTF-7). Literals are sent as LITERAL+ ({@code {n+}}, RFC 7888) when the
 * server has it, else synchronising ({@code {n}}, then wait for the server's {@code +}).
 */
final class ImapCommand {

    /** Waits for the server's continuation request before a synchronising literal. */
    interface Continuation {
        void await() throws IOException;
    }

    private final String name;
    private final List<Object> parts = new ArrayList<>();

    ImapCommand(String name) {
        this.name = name;
        parts.add(name);
    }

    String name() {
        return name;
    }

    /** Raw protocol text: atoms, numbers, sequence sets, parenthesised flag lists. */
    ImapCommand raw(String text) {
        parts.add(text);
        return this;
    }

    /** A string: quoted if it is short ASCII without CR/LF, a literal otherwise. */
    ImapCommand astring(String s) {
        boolean quotable = s.length() < 1000;
        for (int i = 0; i < s.length() && quotable; i++) {
            char c = s.charAt(i);
            quotable = c >= 0x20 && c < 0x7f;
        }
        if (quotable) {
            parts.add('"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        } else {
            parts.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    ImapCommand mailbox(String name) {
        return astring(MailboxNames.encode(name));
    }

    ImapCommand literal(byte[] bytes) {
        parts.add(bytes);
        return this;
    }

    void writeTo(String tag, OutputStream out, boolean literalPlus, Continuation continuation) throws IOException {
        out.write(tag.getBytes(StandardCharsets.US_ASCII));
        for (Object p : parts) {
            out.write(' ');
            if (p instanceof byte[] bytes) {
                out.write(("{" + bytes.length + (literalPlus ? "+" : "") + "}\r\n").getBytes(StandardCharsets.US_ASCII));
                if (!literalPlus) {
                    continuation.await();
                }
                out.write(bytes);
            } else {
                out.write(((String) p).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write(new byte[] {'\r', '\n'});
    }
}
