package org.opencpm.it.ims;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp with one of the scenarios under {@code src/test/resources/ims} (a trimmed copy of
 * {@code org.opencpm.it.Sipp}, which reads {@code /sipp}): UDP, one socket, {@code -trace_logs} into
 * {@link Run#logs()} so a scenario's {@code <log>} actions can be asserted on. Exit code 0 means every
 * call passed, including the scenario's own {@code check_it} regular-expression checks.
 */
final class ImsSipp {

    private final String scenario;
    private final List<String> args = new ArrayList<>();
    private String remote;
    private int localPort;
    private int calls = 1;
    private Duration timeout = Duration.ofSeconds(20);

    private ImsSipp(String scenario) {
        this.scenario = scenario;
    }

    static ImsSipp scenario(String name) {
        return new ImsSipp(name);
    }

    ImsSipp remote(String hostPort) {
        this.remote = hostPort;
        return this;
    }

    ImsSipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    ImsSipp service(String s) {
        args.addAll(List.of("-s", s));
        return this;
    }

    ImsSipp key(String k, Object v) {
        args.addAll(List.of("-key", k, String.valueOf(v)));
        return this;
    }

    ImsSipp calls(int n) {
        this.calls = n;
        return this;
    }

    ImsSipp timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /** A started SIPp process. */
    static final class Run {
        private final Process process;
        private final Path dir;
        private final Duration timeout;

        Run(Process process, Path dir, Duration timeout) {
            this.process = process;
            this.dir = dir;
            this.timeout = timeout;
        }

        /** Waits for SIPp to exit; returns its exit code, or -100 after killing it on timeout. */
        int await() throws InterruptedException {
            if (!process.waitFor(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -100;
            }
            return process.exitValue();
        }

        /** Stops a SIPp still running (a server scenario no call reached). */
        void kill() {
            process.destroy();
        }

        /** The lines written by the scenario's {@code <log>} actions. */
        List<String> logs() {
            try {
                Path f = dir.resolve("scenario.log");
                return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.ISO_8859_1) : List.of();
            } catch (IOException e) {
                return List.of("(no log: " + e + ")");
            }
        }

        /** Everything SIPp reported: its output, errors and message trace, for assertion messages. */
        String output() {
            StringBuilder b = new StringBuilder();
            for (String f : List.of("sipp.out", "errors.log", "messages.log")) {
                try {
                    String s = Files.readString(dir.resolve(f), StandardCharsets.ISO_8859_1);
                    b.append("--- ").append(f).append('\n')
                            .append(s.length() > 6000 ? s.substring(s.length() - 6000) : s).append('\n');
                } catch (IOException e) {
                    // not written
                }
            }
            return b.toString();
        }
    }

    Run start() throws IOException {
        Path dir = Files.createTempDirectory("sipp-ims-");
        Path file = dir.resolve(scenario);
        try (InputStream in = ImsSipp.class.getResourceAsStream("/ims/" + scenario)) {
            if (in == null) {
                throw new IOException("no scenario " + scenario);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("sipp");
        if (remote != null) {
            cmd.add(remote);
        }
        cmd.addAll(List.of("-sf", file.toString(), "-t", "u1", "-i", "127.0.0.1", "-p", Integer.toString(localPort),
                "-m", Integer.toString(calls), "-nostdin", "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", dir.resolve("messages.log").toString(),
                "-trace_logs", "-log_file", dir.resolve("scenario.log").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        return new Run(p, dir, timeout);
    }
}
