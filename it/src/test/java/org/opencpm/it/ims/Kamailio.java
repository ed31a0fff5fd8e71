package org.opencpm.it.ims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private Kamailio (Debian's {@code kamailio}) running the example IMS-like core
 * {@code deploy/kamailio/kamailio.cfg} on a loopback port, started and stopped through
 * {@code scripts/kamailio.sh}, which renders the configuration and installs the package if missing.
 */
final class Kamailio {

    private final Path dir;
    private final int port;

    private Kamailio(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts Kamailio on udp+tcp 127.0.0.1:{@code port} with the application server at {@code asHostPort};
     * expired bindings are purged (and reported to the AS) every second instead of every minute.
     */
    static Kamailio start(int port, String asHostPort, String domain) throws IOException, InterruptedException {
        Path dir = Path.of("target", "kamailio-" + port).toAbsolutePath();
        run("start", dir.toString(), Integer.toString(port), asHostPort, domain);
        return new Kamailio(dir, port);
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** The tail of Kamailio's log, for assertion messages. */
    String log() {
        try {
            String s = Files.readString(dir.resolve("kamailio.log"), StandardCharsets.ISO_8859_1);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    void stop() throws IOException, InterruptedException {
        run("stop", dir.toString());
    }

    private static void run(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = script().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Path log = Files.createTempFile("kamailio-sh", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KAMAILIO_USRLOC_TIMER", "1");
        Process p = pb.start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("scripts/kamailio.sh " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    private static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path s = dir.resolve("scripts/kamailio.sh");
            if (Files.isExecutable(s)) {
                return s;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scripts/kamailio.sh not found above " + Path.of("").toAbsolutePath());
    }
}
