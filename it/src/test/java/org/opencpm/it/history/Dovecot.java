package org.opencpm.it.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private Dovecot (Debian's {@code dovecot-imapd}) on a free loopback port, started and stopped through
 * {@code scripts/dovecot.sh}, which writes its configuration (METADATA, UIDPLUS, any user with
 * {@link #PASSWORD}) and installs the package if missing.
 */
final class Dovecot {

    static final String PASSWORD = "secret";

    private final Path dir;
    private final int port;

    private Dovecot(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a new instance with its data in a fresh directory under {@code target/}. */
    static Dovecot start() throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Path.of("target", "dovecot-" + port).toAbsolutePath();
        Dovecot d = new Dovecot(dir, port);
        d.restart();
        return d;
    }

    int port() {
        return port;
    }

    /** Starts it again on the same port and data (after {@link #stop()}). */
    void restart() throws IOException, InterruptedException {
        run("start", dir.toString(), Integer.toString(port), PASSWORD);
    }

    void stop() throws IOException, InterruptedException {
        run("stop", dir.toString());
    }

    private static void run(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = script().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Path log = Files.createTempFile("dovecot-sh", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("scripts/dovecot.sh " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    private static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path s = dir.resolve("scripts/dovecot.sh");
            if (Files.isExecutable(s)) {
                return s;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scripts/dovecot.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
