package org.opencpm.it.client;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process as a user sees it in a terminal: lines typed on its standard input, lines read
 * from its standard output (kept, so a test can wait for any line seen so far), standard error to a
 * file. Every wait is bounded.
 */
final class Terminal implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private final Path stderr;

    private Terminal(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} in {@code dir} with OPENCPM_SKIP_BUILD=1 (Maven has just built everything). */
    static Terminal start(String name, Path dir, Path logDir, List<String> command) throws IOException {
        Path err = logDir.resolve(name + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(err.toFile());
        pb.environment().put("OPENCPM_SKIP_BUILD", "1");
        return new Terminal(name, pb.start(), err);
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    /** Types one line. */
    void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Closes standard input (end of file, as Ctrl-D). */
    void endInput() throws IOException {
        stdin.close();
    }

    /** The first line printed so far or within {@code timeout} that matches; fails the test otherwise. */
    String await(String what, Predicate<String> match, Duration timeout) throws InterruptedException {
        String found = find(match, timeout);
        if (found == null) {
            fail(name + " printed no " + what + " within " + timeout.toSeconds() + " s; its output:\n"
                    + String.join("\n", output()) + "\n(standard error in " + stderr + ")");
        }
        return found;
    }

    /** Waits for the exact line {@code line}. */
    String awaitLine(String line) throws InterruptedException {
        return await("line '" + line + "'", line::equals, Duration.ofSeconds(20));
    }

    /** The first matching line, or null after {@code timeout}. */
    String find(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String l : lines) {
                    if (match.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits for the process to end; its exit code, or fails the test after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail(name + " did not exit within " + timeout.toSeconds() + " s; its output:\n" + String.join("\n", output()));
        }
        return process.exitValue();
    }

    /** SIGTERM. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
