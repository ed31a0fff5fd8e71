package org.opencpm.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian package {@code sip-tester}, installed by the test command) with one of the
 * scenarios under {@code src/test/resources/sipp}. SIPp's exit code says whether every call passed:
 * 0 all passed, 1 some failed, 97/99 other exits, 255/254 fatal.
 */
public final class Sipp {

    private final String scenario;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private String remote;
    private String transport = "u1";
    private int localPort;
    private String service;
    private int calls = 1;
    private double rate;
    private Duration timeout = Duration.ofSeconds(60);

    private Sipp(String scenario) {
        this.scenario = scenario;
    }

    public static Sipp scenario(String name) {
        return new Sipp(name);
    }

    public Sipp remote(String hostPort) {
        this.remote = hostPort;
        return this;
    }

    /** "u1" for UDP, "t1" for TCP (one socket / connection). */
    public Sipp transport(String t) {
        this.transport = t;
        return this;
    }

    public Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    public Sipp service(String s) {
        this.service = s;
        return this;
    }

    public Sipp key(String k, Object v) {
        keys.put(k, String.valueOf(v));
        return this;
    }

    public Sipp calls(int n) {
        this.calls = n;
        return this;
    }

    public Sipp rate(double perSecond) {
        this.rate = perSecond;
        return this;
    }

    public Sipp timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    public Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** A started SIPp process. */
    public static final class Run {
        public final Process process;
        public final Path log;
        public final Duration timeout;

        Run(Process process, Path log, Duration timeout) {
            this.process = process;
            this.log = log;
            this.timeout = timeout;
        }

        /** Waits for SIPp to exit; returns its exit code, or -100 after killing it on timeout. */
        public int await() throws InterruptedException {
            if (!process.waitFor(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -100;
            }
            return process.exitValue();
        }

        public String output() {
            try {
                String s = Files.readString(log, StandardCharsets.ISO_8859_1);
                return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }
    }

    public Run start() throws IOException {
        Path dir = Files.createTempDirectory("sipp-");
        Path file = dir.resolve(scenario);
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
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
        cmd.addAll(List.of("-sf", file.toString(), "-t", transport, "-i", "127.0.0.1", "-m", Integer.toString(calls),
                "-nostdin", "-timeout", timeout.toSeconds() + "s", "-timeout_error", "-trace_err",
                "-error_file", dir.resolve("errors.log").toString()));
        if (localPort > 0) {
            cmd.addAll(List.of("-p", Integer.toString(localPort)));
        }
        if (service != null) {
            cmd.addAll(List.of("-s", service));
        }
        if (rate > 0) {
            cmd.addAll(List.of("-r", Double.toString(rate), "-rp", "1000"));
        }
        for (Map.Entry<String, String> k : keys.entrySet()) {
            cmd.addAll(List.of("-key", k.getKey(), k.getValue()));
        }
        cmd.addAll(args);
        Path log = dir.resolve("sipp.out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Run(p, log, timeout);
    }

    /** Runs to completion and returns the exit code. */
    public int run() throws IOException, InterruptedException {
        return start().await();
    }
}
