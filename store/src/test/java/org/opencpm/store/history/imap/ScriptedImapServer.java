package org.opencpm.store.history.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback IMAP server that plays a transcript: for each command it receives (tag removed, literal
 * data replaced by its length) it records the line and sends the next scripted answer, {@code TAG}
 * standing for the command's tag. It never offers LITERAL+, so literals are synchronising ({@code +}).
 * With {@link #silent()} it accepts connections and never says anything (a stalled server).
 */
final class ScriptedImapServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> answers;
    private final boolean silent;
    final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private ScriptedImapServer(List<String> answers, boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.answers = answers;
        this.silent = silent;
        Thread t = new Thread(this::serve, "scripted-imap");
        t.setDaemon(true);
        t.start();
    }

    /** Answers each command with the next element (lines separated by CRLF). */
    static ScriptedImapServer answering(String... answers) throws IOException {
        return new ScriptedImapServer(List.of(answers), false);
    }

    static ScriptedImapServer silent() throws IOException {
        return new ScriptedImapServer(List.of(), true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        try {
            while (true) {
                Socket s = socket.accept();
                accepted.add(s);
                if (!silent) {
                    talk(s);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void talk(Socket s) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write("* OK scripted server ready\r\n".getBytes(StandardCharsets.US_ASCII));
        int next = 0;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return;
            }
            StringBuilder command = new StringBuilder();
            while (line.endsWith("}") && line.lastIndexOf('{') >= 0) {
                int n = Integer.parseInt(line.substring(line.lastIndexOf('{') + 1, line.length() - 1));
                out.write("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.readNBytes(n);
                command.append(line, 0, line.lastIndexOf('{')).append("<").append(n).append(" bytes>");
                line = readLine(in);
            }
            command.append(line);
            String tag = command.substring(0, command.indexOf(" "));
            received.add(command.substring(tag.length() + 1));
            String answer = next < answers.size() ? answers.get(next++) : "TAG BAD no more script";
            out.write((answer.replace("TAG", tag) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : new ArrayList<>(accepted)) {
            s.close();
        }
    }
}
