package org.opencpm.bench.msrp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opencpm.msrp.MsrpUri;

/**
 * The load generator's handle on a {@link RelayServer} child JVM: starts it with this JVM's class path, sends
 * it commands, reads its {@code @} answers, and reads its CPU time from {@code /proc/<pid>/stat}.
 */
final class RelayProcess implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final int port;

    RelayProcess(int threads, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayServer.class.getName(),
                Integer.toString(threads)));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("@")) {
                        answers.add(line);
                    } else {
                        System.err.println("[relay] " + line);
                    }
                }
            } catch (IOException e) {
                System.err.println("[relay] output lost: " + e);
            }
        }, "relay-output");
        reader.setDaemon(true);
        reader.start();
        port = Integer.parseInt(answer("@PORT")[1]);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** Asks for {@code n} pairs of relay URIs (client leg, network leg), as the PF puts in its SDP. */
    List<MsrpUri[]> prepare(int n) throws IOException, InterruptedException {
        send("PREPARE " + n + "\n");
        List<MsrpUri[]> uris = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] w = answer("@U");
            uris.add(new MsrpUri[] {MsrpUri.parse(w[1]), MsrpUri.parse(w[2])});
        }
        answer("@OK");
        return uris;
    }

    /** Opens the prepared relays toward these senders (client legs) and receivers (network legs). */
    void open(List<MsrpUri> senders, List<MsrpUri> receivers) throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder(senders.size() * 100);
        for (int i = 0; i < senders.size(); i++) {
            sb.append("OPEN ").append(senders.get(i)).append(' ').append(receivers.get(i)).append('\n');
        }
        send(sb.append("GO\n").toString());
        answer("@OK");
    }

    /** {open relays, connected legs, lost legs, undeliverable messages, forwarded messages}. */
    long[] status() throws IOException, InterruptedException {
        send("STATUS\n");
        return Arrays.stream(answer("@STATUS")).skip(1).mapToLong(Long::parseLong).toArray();
    }

    /** The child's heap in use after full collections. */
    long usedHeapAfterGc() throws IOException, InterruptedException {
        send("HEAP\n");
        return Long.parseLong(answer("@HEAP")[1]);
    }

    void closeRelays() throws IOException, InterruptedException {
        send("CLOSE\n");
        answer("@OK");
    }

    /**
     * CPU time (user + system, all threads including GC and JIT) the child has used so far, in nanoseconds:
     * fields 14 and 15 of {@code /proc/<pid>/stat} in clock ticks (USER_HZ, 100 on Linux), or
     * {@link ProcessHandle.Info#totalCpuDuration()} elsewhere.
     */
    long cpuNanos() {
        return cpuNanos(process.pid());
    }

    /** CPU time of the child's JIT compiler threads so far, in nanoseconds. */
    long jitCpuNanos() {
        return jitCpuNanos(process.pid());
    }

    static long cpuNanos(long pid) {
        try {
            return ticksToNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(-1L);
        }
    }

    /** CPU time of {@code pid}'s JIT compiler threads (C1, C2) so far, in nanoseconds; 0 where unknown. */
    static long jitCpuNanos(long pid) {
        long total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        total += ticksToNanos(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return total;
    }

    /** utime + stime of a {@code /proc/.../stat} line, in nanoseconds (USER_HZ is 100 on Linux). */
    private static long ticksToNanos(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", field 3 (state) is f[0]: utime (14) is f[11], stime (15) is f[12].
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private void send(String text) throws IOException {
        commands.write(text);
        commands.flush();
    }

    private String[] answer(String prefix) throws InterruptedException {
        String line = answers.poll(120, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("relay process did not answer " + prefix + " (alive: " + process.isAlive() + ")");
        }
        if (!line.startsWith(prefix + " ") && !line.equals(prefix)) {
            throw new IllegalStateException("relay process answered '" + line + "', expected " + prefix);
        }
        return line.split(" ");
    }

    @Override
    public void close() throws InterruptedException {
        try {
            send("EXIT\n");
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
