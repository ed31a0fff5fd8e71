package org.opencpm.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencpm.client.ChatMessage;
import org.opencpm.client.ChatSession;
import org.opencpm.client.CpmClient;
import org.opencpm.client.CpmClientListener;
import org.opencpm.client.CpmException;
import org.opencpm.client.DispositionReport;
import org.opencpm.client.EventListener;

/**
 * {@code ./opencpm client --user sip:alice@example.com [--server udp:127.0.0.1:5060]}: the CPM client
 * on a terminal or in a script (design.md §3).
 *
 * <p>It registers and prints {@code registered as <user>}, then reads one command per line from
 * standard input (see {@link Command}); end of input is {@code /quit}. Output, one line each:
 * <pre>
 * &lt;sip:bob@example.com&gt; hello            a message received (session or pager mode)
 * * session with sip:bob@example.com opened
 * * session with sip:bob@example.com closed
 * * delivered 5f1c… to sip:bob@example.com   a delivery (or displayed, failed …) notification
 * group chat not supported yet
 * ! /chat failed: 480 Temporarily Unavailable    an error
 * </pre>
 * Incoming chats are accepted and become the current chat; a received message is marked displayed
 * (display notification) once printed. Exit code 0 after {@code /quit}, 1 if registration fails, 2 for
 * bad arguments. Logs go to standard error (level from {@code OPENCPM_LOG_LEVEL}, default WARN).
 */
public final class ClientMain {

    static final String USAGE = "usage: ./opencpm client --user sip:alice@example.com [--server udp:127.0.0.1:5060]"
            + " [--local-host ADDRESS] [--no-auto-accept] [--verbose]";

    private final PrintStream out;
    private final PrintStream err;
    private final Duration timeout;
    private volatile ChatSession current;
    private CpmClient client;

    private ClientMain(PrintStream out, PrintStream err, Duration timeout) {
        this.out = out;
        this.err = err;
        this.timeout = timeout;
    }

    /** Runs the client on the process's standard streams; returns the exit code. */
    public static int run(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // before any logger exists: the CLI's standard output is for chat lines only
            System.setProperty("logback.configurationFile", "org/opencpm/client/cli/logback-cli.xml");
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        return run(args, System.in, out, System.err);
    }

    /** Runs the client on the given streams; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String user = null;
        String server = null;
        String localHost = null;
        boolean autoAccept = true;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user", "-u", "--server", "-s", "--local-host" -> {
                    if (i + 1 >= args.length) {
                        err.println("opencpm client: " + args[i] + " needs a value\n" + USAGE);
                        return 2;
                    }
                    String v = args[++i];
                    switch (args[i - 1]) {
                        case "--user", "-u" -> user = v;
                        case "--server", "-s" -> server = v;
                        default -> localHost = v;
                    }
                }
                case "--no-auto-accept" -> autoAccept = false;
                case "--verbose", "-v" -> verbose = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println(Command.USAGE);
                    return 0;
                }
                default -> {
                    err.println("opencpm client: unknown argument '" + args[i] + "'\n" + USAGE);
                    return 2;
                }
            }
        }
        if (user == null) {
            err.println("opencpm client: --user is required\n" + USAGE);
            return 2;
        }
        ClientMain main = new ClientMain(out, err, Duration.ofSeconds(35));
        CpmClient.Builder b = CpmClient.builder().user(user).autoAccept(autoAccept).localHost(localHost)
                .listener(main.new Printer());
        if (server != null) {
            b.server(server);
        }
        if (verbose) {
            b.eventListener(main.new Tracer());
        }
        try {
            main.client = b.build();
        } catch (RuntimeException e) {
            err.println("opencpm client: " + e.getMessage());
            return 2;
        }
        return main.session(in);
    }

    private int session(InputStream in) {
        Thread hook = new Thread(client::close, "opencpm-client-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                await(client.register());
            } catch (Exception e) {
                print("! registration failed: " + describe(e));
                return 1;
            }
            print("registered as " + client.user());
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!execute(Command.parse(line))) {
                    break;
                }
            }
            return 0;
        } catch (IOException e) {
            print("! standard input failed: " + e.getMessage());
            return 0;
        } finally {
            client.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; close() is idempotent
            }
        }
    }

    /** Runs one command; false to stop. */
    private boolean execute(Command command) {
        if (command instanceof Command.Quit) {
            return false;
        } else if (command instanceof Command.Chat c) {
            chat(c.peer());
        } else if (command instanceof Command.Send s) {
            ChatSession chat = current;
            if (chat == null || chat.state() != ChatSession.State.ACTIVE) {
                print("! /send failed: no chat open (use /chat URI first)");
            } else {
                attempt("/send", chat.send(s.text()));
            }
        } else if (command instanceof Command.SendMessage m) {
            attempt("/sendmsg", client.sendMessage(m.peer(), m.text()));
        } else if (command instanceof Command.Group || command instanceof Command.Leave) {
            print("group chat not supported yet");
        } else if (command instanceof Command.Invalid i) {
            print("! " + i.message());
        }
        return true;
    }

    private void chat(String peer) {
        for (ChatSession s : client.sessions()) {
            if (s.peer().equalsIgnoreCase(peer.trim()) && s.state() == ChatSession.State.ACTIVE) {
                current = s;
                print("* chatting with " + s.peer());
                return;
            }
        }
        try {
            current = await(client.openChat(peer));
        } catch (Exception e) {
            print("! /chat failed: " + describe(e));
        }
    }

    private void attempt(String what, CompletableFuture<?> f) {
        try {
            await(f);
        } catch (Exception e) {
            print("! " + what + " failed: " + describe(e));
        }
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof TimeoutException) {
            return "no answer in time";
        }
        if (e instanceof CpmException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Prints what the client hears (called on the client's event thread: printing only, no waiting). */
    private final class Printer implements CpmClientListener {
        @Override
        public void sessionOpened(ChatSession session) {
            current = session;
            print("* session with " + session.peer() + " opened");
        }

        @Override
        public void sessionClosed(ChatSession session, ChatSession.CloseReason reason) {
            if (current == session) {
                current = null;
            }
            print("* session with " + session.peer() + " closed");
        }

        @Override
        public void messageReceived(ChatMessage message) {
            print("<" + message.from() + "> " + message.text());
            client.markDisplayed(message);
        }

        @Override
        public void notificationReceived(DispositionReport report) {
            print("* " + report.status() + " " + report.messageId() + " to " + report.recipient());
        }

        @Override
        public void registrationFailed(String user, CpmException cause) {
            print("! registration refresh failed: " + cause.getMessage());
        }
    }

    /** {@code --verbose}: the protocol steps on standard error. */
    private final class Tracer implements EventListener {
        @Override
        public void registerEnd(String user, int status) {
            err.println("# REGISTER " + user + ": " + status);
        }

        @Override
        public void inviteStart(String peer, String callId) {
            err.println("# INVITE " + peer + " (Call-ID " + callId + ")");
        }

        @Override
        public void inviteEnd(String peer, String callId, int status) {
            err.println("# INVITE " + peer + ": " + status);
        }

        @Override
        public void msrpConnectEnd(ChatSession session, boolean connected) {
            err.println("# MSRP with " + session.peer() + (connected ? " connected" : " failed"));
        }

        @Override
        public void sendEnd(String peer, String messageId, int status) {
            err.println("# message " + messageId + " to " + peer + ": " + status);
        }
    }
}
