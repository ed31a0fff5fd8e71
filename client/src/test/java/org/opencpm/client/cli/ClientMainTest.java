package org.opencpm.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.client.TestServer;

/** The command line in this JVM against a real in-process server: its output lines and exit codes. */
class ClientMainTest {

    private static TestServer server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
        port = server.sipPort;
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** A client CLI running on a thread, typed into through a pipe. */
    private static final class Cli {
        final Lines out = new Lines();
        final PipedOutputStream keys = new PipedOutputStream();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        Cli(String user) throws IOException {
            PipedInputStream in = new PipedInputStream(keys);
            Thread t = new Thread(() -> exit.complete(ClientMain.run(
                    new String[] {"--user", user, "--server", "udp:127.0.0.1:" + port}, in,
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err)), "cli-" + user);
            t.setDaemon(true);
            t.start();
        }

        void type(String line) throws IOException {
            keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }
    }

    /** Standard output split into lines, waited on with a bound. */
    private static final class Lines extends OutputStream {
        private final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
                notifyAll();
            } else {
                current.write(b);
            }
        }

        synchronized void await(String line) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!lines.contains(line)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    fail("no line '" + line + "' in " + lines);
                }
                wait(left);
            }
        }

        synchronized String awaitStarting(String prefix) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (true) {
                for (String l : lines) {
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    fail("no line starting '" + prefix + "' in " + lines);
                }
                wait(left);
            }
        }
    }

    @Test
    @DisplayName("two CLIs chat and send pager messages; errors are one line each; /quit ends both sessions")
    void twoClisChat() throws Exception {
        Cli alice = new Cli("sip:cli-alice@example.com");
        Cli bob = new Cli("sip:cli-bob@example.com");
        alice.out.await("registered as sip:cli-alice@example.com");
        bob.out.await("registered as sip:cli-bob@example.com");

        alice.type("/send too early");
        alice.out.await("! /send failed: no chat open (use /chat URI first)");
        alice.type("/chat sip:nobody@example.com");
        alice.out.await("! /chat failed: 480 Temporarily Unavailable");
        alice.type("/dance");
        alice.out.awaitStarting("! unknown command /dance");

        alice.type("/chat sip:cli-bob@example.com");
        alice.out.await("* session with sip:cli-bob@example.com opened");
        bob.out.await("* session with sip:cli-alice@example.com opened");
        alice.type("/send hi bob");
        bob.out.await("<sip:cli-alice@example.com> hi bob");
        alice.out.awaitStarting("* delivered ");
        alice.out.awaitStarting("* displayed ");
        bob.type("hi alice");
        alice.out.await("<sip:cli-bob@example.com> hi alice");

        bob.type("/sendmsg sip:cli-alice@example.com by pager");
        alice.out.await("<sip:cli-bob@example.com> by pager");

        bob.type("/leave");
        bob.out.await("group chat not supported yet");

        alice.type("/quit");
        assertThat(alice.exit.get(15, TimeUnit.SECONDS)).isZero();
        bob.out.await("* session with sip:cli-alice@example.com closed");
        bob.keys.close();
        assertThat(bob.exit.get(15, TimeUnit.SECONDS)).isZero();
    }

    @Test
    @DisplayName("exit code 2 without --user, 1 when the registrar refuses")
    void exitCodes() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ClientMain.run(new String[0], new ByteArrayInputStream(new byte[0]), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user is required");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClientMain.run(new String[] {"--user", "sip:alice@other.example.net", "--server", "udp:127.0.0.1:" + port},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("! registration failed: 404");
    }
}
