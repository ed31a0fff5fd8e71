package org.opencpm.it.deferral;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./opencpm server --config FILE} as a separate JVM (the launcher's entry point on this JVM's
 * classpath), so that a test can {@code kill -9} it. Output goes to a log file; {@link #start} returns once
 * the server printed its {@code ready} line.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;

    private ServerProcess(Process process) {
        this.process = process;
    }

    static ServerProcess start(Path config, Path log) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-XX:+UseG1GC", "-Xmx512m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "org.opencpm.launcher.Opencpm", "server",
                "--config", config.toString()))
                .redirectErrorStream(true);
        Process p = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.contains("ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process died
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the server printed no ready line within 60 s; see " + log);
        }
        return new ServerProcess(p);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
