package org.opencpm.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's experience end to end (design.md §3): {@code ./opencpm server} in one terminal,
 * {@code ./opencpm client} for alice and for bob in two more, each a real process; alice opens a chat,
 * both type, a pager-mode message goes across, alice quits, and the server stops on SIGTERM.
 *
 * <p>During the Maven build the launcher's {@code dist/target/lib} may not exist yet (surefire runs
 * before {@code package}), so the main test starts the launcher class on this test's class path; the
 * small last test runs the real {@code ./opencpm} script when a built distribution is there.
 */
class TwoTerminalsChatTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(20);

    private final List<Terminal> terminals = new ArrayList<>();
    private Path work;
    private int sipPort;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        work = Files.createTempDirectory("opencpm-two-terminals");
        sipPort = freePort();
        config = work.resolve("opencpm.yaml");
        Files.writeString(config, "domain: example.com\n"
                + "listen:\n"
                + "  sip: [\"udp:127.0.0.1:" + sipPort + "\", \"tcp:127.0.0.1:" + sipPort + "\"]\n"
                + "  msrp: \"tcp:127.0.0.1:" + freePort() + "\"\n"
                + "data-dir: " + work.resolve("data") + "\n");
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (Terminal t : terminals) {
            t.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @DisplayName("alice and bob chat through ./opencpm server from two terminals")
    void twoTerminalsChat() throws Exception {
        Terminal server = launch("server", List.of("-Dlogback.configurationFile=logback.xml"),
                "server", "--config", config.toString());
        server.await("ready line", l -> l.contains("ready"), READY);

        Terminal bob = launch("bob", List.of(), "client", "--user", "sip:bob@example.com", "--server", udp());
        Terminal alice = launch("alice", List.of(), "client", "--user", "sip:alice@example.com", "--server", udp());
        bob.awaitLine("registered as sip:bob@example.com");
        alice.awaitLine("registered as sip:alice@example.com");

        alice.type("/chat sip:bob@example.com");
        alice.awaitLine("* session with sip:bob@example.com opened");
        bob.awaitLine("* session with sip:alice@example.com opened");

        alice.type("/send hi bob");
        bob.awaitLine("<sip:alice@example.com> hi bob");
        alice.await("delivery notification", l -> l.startsWith("* delivered ") && l.endsWith(" to sip:bob@example.com"),
                Duration.ofSeconds(20));

        bob.type("/send hi alice");
        alice.awaitLine("<sip:bob@example.com> hi alice");

        alice.type("/sendmsg sip:bob@example.com pager hi");
        bob.awaitLine("<sip:alice@example.com> pager hi");
        bob.type("/sendmsg sip:alice@example.com pager hi back");
        alice.awaitLine("<sip:bob@example.com> pager hi back");

        alice.type("/group sip:bob@example.com sip:carol@example.com");
        alice.awaitLine("group chat not supported yet");

        alice.type("/quit");
        assertThat(alice.awaitExit(EXIT)).isZero();
        bob.awaitLine("* session with sip:alice@example.com closed");

        bob.endInput();
        assertThat(bob.awaitExit(EXIT)).isZero();

        server.terminate();
        server.awaitExit(EXIT);
        assertThat(alice.output()).noneMatch(l -> l.startsWith("!"));
        assertThat(bob.output()).noneMatch(l -> l.startsWith("!"));
    }

    @Test
    @DisplayName("the real ./opencpm script registers a client and quits on end of input")
    void realLauncherScript() throws Exception {
        Path clientJar = ROOT.resolve("dist/target/lib/opencpm-client-0.1.0-SNAPSHOT.jar");
        Assumptions.assumeTrue(Files.isRegularFile(ROOT.resolve("dist/target/opencpm-dist-0.1.0-SNAPSHOT.jar"))
                && Files.isRegularFile(clientJar) && hasClientMain(clientJar),
                "no built distribution with the client under dist/target (run mvn package first)");
        Terminal server = script("server-script", "server", "--config", config.toString());
        server.await("ready line", l -> l.contains("ready"), READY);
        Terminal carol = script("carol-script", "client", "--user", "sip:carol@example.com", "--server", udp());
        carol.awaitLine("registered as sip:carol@example.com");
        carol.endInput();
        assertThat(carol.awaitExit(EXIT)).isZero();
        server.terminate();
        server.awaitExit(EXIT);
    }

    private static boolean hasClientMain(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getEntry("org/opencpm/client/cli/ClientMain.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private String udp() {
        return "udp:127.0.0.1:" + sipPort;
    }

    /** {@code java org.opencpm.launcher.Opencpm ARGS} on this test's class path: the launcher without the script. */
    private Terminal launch(String name, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.opencpm.launcher.Opencpm"));
        cmd.addAll(List.of(args));
        Terminal t = Terminal.start(name, ROOT, work, cmd);
        terminals.add(t);
        return t;
    }

    private Terminal script(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("opencpm").toString()));
        cmd.addAll(List.of(args));
        Terminal t = Terminal.start(name, ROOT, work, cmd);
        terminals.add(t);
        return t;
    }

    /** A port free on both UDP and TCP on 127.0.0.1 right now. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(p, InetAddress.getLoopbackAddress())) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }
}
