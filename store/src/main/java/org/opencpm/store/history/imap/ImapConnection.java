package org.opencpm.store.history.imap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One authenticated IMAP4rev1 connection (RFC 3501) on a plain socket, used by one store worker
 * thread at a time; every call blocks that worker until the tagged response. Knows the commands the
 * CPM Message Storage needs: LOGIN, LIST, CREATE, SELECT, STATUS, APPEND (with UIDPLUS APPENDUID,
 * RFC 4315), UID SEARCH, UID FETCH, UID STORE, SETMETADATA and GETMETADATA (RFC 5464).
 *
 * <p>Failures: an {@link IOException} means the connection is unusable (closed, reset, timed out);
 * an {@link ImapCommandException} means the server refused one command (NO/BAD) and the connection
 * is fine; an {@link ImapProtocolException} means we could not parse the server and the connection
 * must be dropped.
 *
 * <p>Limits: a response line is at most {@value #MAX_LINE} bytes, a literal at most {@value #MAX_LITERAL}.
 */
final class ImapConnection implements AutoCloseable {

    static final int MAX_LINE = 1 << 20;
    static final int MAX_LITERAL = 64 << 20;

    /** One untagged response: its keyword ({@code LIST}, {@code FETCH}...), number if any, and a parser after the keyword. */
    record Untagged(String keyword, long number, byte[] raw, int offset) {
        ImapParser parser() {
            ImapParser p = new ImapParser(java.util.Arrays.copyOfRange(raw, offset, raw.length));
            return p;
        }
    }

    /** The outcome of one command: the untagged responses it produced and the tagged OK's code. */
    record Result(List<Untagged> untagged, String code) {
        List<Untagged> all(String keyword) {
            return untagged.stream().filter(u -> u.keyword().equalsIgnoreCase(keyword)).toList();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Set<String> capabilities = new HashSet<>();
    private int nextTag = 1;
    private String selected;
    private char delimiter = '/';

    private ImapConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** Connects, reads the greeting, logs in as {@code user} and learns the hierarchy delimiter. */
    static ImapConnection open(String host, int port, int connectTimeoutMillis, int readTimeoutMillis, String user,
                               String password) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            s.setSoTimeout(readTimeoutMillis);
            s.setTcpNoDelay(true);
            ImapConnection c = new ImapConnection(s);
            byte[] greeting = c.readResponse();
            String g = new String(greeting, StandardCharsets.UTF_8);
            if (!g.startsWith("* OK")) {
                throw new IOException("IMAP server at " + host + ":" + port + " does not greet with OK: " + g.strip());
            }
            Result login = c.execute(new ImapCommand("LOGIN").astring(user).astring(password));
            if (login.code() != null && login.code().toUpperCase(Locale.ROOT).startsWith("CAPABILITY ")) {
                c.setCapabilities(login.code().substring(11));
            } else {
                for (Untagged u : c.execute(new ImapCommand("CAPABILITY")).all("CAPABILITY")) {
                    c.setCapabilities(u.parser().text());
                }
            }
            for (Untagged u : c.execute(new ImapCommand("LIST").astring("").astring("")).all("LIST")) {
                ImapParser p = u.parser();
                p.value();
                String d = p.string();
                if (d != null && d.length() == 1) {
                    c.delimiter = d.charAt(0);
                }
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void setCapabilities(String text) {
        for (String cap : text.trim().split(" +")) {
            capabilities.add(cap.toUpperCase(Locale.ROOT));
        }
    }

    boolean hasCapability(String cap) {
        return capabilities.contains(cap.toUpperCase(Locale.ROOT));
    }

    char delimiter() {
        return delimiter;
    }

    String selected() {
        return selected;
    }

    /** SELECT (RFC 3501 §6.3.1); returns {uidValidity, uidNext, exists}, or null if there is no such mailbox. */
    long[] select(String mailbox) throws IOException {
        selected = null;
        Result r;
        try {
            r = execute(new ImapCommand("SELECT").mailbox(mailbox));
        } catch (ImapCommandException e) {
            if (e.status().equals("NO")) {
                return null;
            }
            throw e;
        }
        selected = mailbox;
        long[] v = {0, 0, 0};
        for (Untagged u : r.untagged()) {
            if (u.keyword().equals("EXISTS")) {
                v[2] = u.number();
            } else if (u.keyword().equals("OK")) {
                String code = u.parser().responseCode();
                if (code != null) {
                    String[] parts = code.split(" ");
                    if (parts.length == 2 && parts[0].equalsIgnoreCase("UIDVALIDITY")) {
                        v[0] = Long.parseLong(parts[1]);
                    } else if (parts.length == 2 && parts[0].equalsIgnoreCase("UIDNEXT")) {
                        v[1] = Long.parseLong(parts[1]);
                    }
                }
            }
        }
        return v;
    }

    Result execute(ImapCommand command) throws IOException {
        String tag = "o" + nextTag++;
        command.writeTo(tag, out, hasCapability("LITERAL+"), this::awaitContinuation);
        out.flush();
        List<Untagged> untagged = new ArrayList<>();
        while (true) {
            byte[] raw = readResponse();
            ImapParser p = new ImapParser(raw);
            String first = p.atom();
            if (first.equals("*")) {
                String word = p.atom();
                long number = -1;
                if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
                    number = Long.parseLong(word);
                    word = p.atom();
                }
                String keyword = word.toUpperCase(Locale.ROOT);
                if (keyword.equals("BYE")) {
                    close();
                    throw new EOFException("IMAP server said BYE: " + p.text());
                }
                untagged.add(new Untagged(keyword, number, raw, offsetAfter(raw, number, word)));
            } else if (first.equals(tag)) {
                String status = p.atom().toUpperCase(Locale.ROOT);
                String code = p.responseCode();
                String text = p.text();
                if (!status.equals("OK")) {
                    throw new ImapCommandException(command.name(), status, code, text);
                }
                return new Result(untagged, code);
            } else if (!first.equals("+")) {
                throw new ImapProtocolException("unexpected response tag '" + first + "'");
            }
        }
    }

    private static int offsetAfter(byte[] raw, long number, String keyword) {
        // "* " [number " "] keyword
        int offset = 2 + (number >= 0 ? Long.toString(number).length() + 1 : 0) + keyword.length();
        return Math.min(offset, raw.length);
    }

    private void awaitContinuation() throws IOException {
        out.flush();
        byte[] raw = readResponse();
        if (raw.length == 0 || raw[0] != '+') {
            throw new ImapCommandException("literal", "NO", null,
                    "server refused a literal: " + new String(raw, StandardCharsets.UTF_8).strip());
        }
    }

    /** One whole response, literals inlined; fails with EOFException if the server closed. */
    private byte[] readResponse() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        while (true) {
            int lineStart = buf.size();
            int c;
            int n = 0;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException("IMAP server closed the connection");
                }
                buf.write(c);
                if (++n > MAX_LINE) {
                    throw new ImapProtocolException("response line longer than " + MAX_LINE + " bytes");
                }
            }
            buf.write('\n');
            byte[] sofar = buf.toByteArray();
            int end = sofar.length - 1;
            if (end > lineStart && sofar[end - 1] == '\r') {
                end--;
            }
            int literal = literalLength(sofar, lineStart, end);
            if (literal < 0) {
                return sofar;
            }
            if (literal > MAX_LITERAL) {
                throw new ImapProtocolException("literal of " + literal + " bytes is over " + MAX_LITERAL);
            }
            buf.write(in.readNBytes(literal));
            if (buf.size() != sofar.length + literal) {
                throw new EOFException("IMAP server closed the connection inside a literal");
            }
        }
    }

    private static int literalLength(byte[] b, int start, int end) {
        if (end - start < 3 || b[end - 1] != '}') {
            return -1;
        }
        int i = end - 2;
        while (i > start && Character.isDigit(b[i])) {
            i--;
        }
        if (b[i] != '{' || i == end - 2) {
            return -1;
        }
        return Integer.parseInt(new String(b, i + 1, end - 2 - i, StandardCharsets.US_ASCII));
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        selected = null;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing left to release
        }
    }
}
