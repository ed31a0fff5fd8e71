package org.opencpm.client;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencpm.server.OpenCpmServer;
import org.opencpm.server.config.ConfigLoader;

/** A real OpenCPM server in this JVM, on free loopback ports, for one test class. */
public final class TestServer implements AutoCloseable {

    public final int sipPort;
    public final OpenCpmServer server;
    private final Path dataDir;

    private TestServer(int sipPort, OpenCpmServer server, Path dataDir) {
        this.sipPort = sipPort;
        this.server = server;
        this.dataDir = dataDir;
    }

    public static TestServer start() throws Exception {
        return start("");
    }

    /** A server with extra configuration lines, e.g. {@code participating-function:\n  mode: proxy\n}. */
    public static TestServer start(String extraYaml) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("opencpm-client-test");
        String yaml = "domain: example.com\n"
                + "listen:\n"
                + "  sip: [\"udp:127.0.0.1:" + port + "\", \"tcp:127.0.0.1:" + port + "\"]\n"
                + "  msrp: \"tcp:127.0.0.1:" + freePort() + "\"\n"
                + "data-dir: " + data + "\n"
                + extraYaml;
        return new TestServer(port, OpenCpmServer.start(ConfigLoader.load(yaml, "client-test.yaml")), data);
    }

    public String udp() {
        return "udp:127.0.0.1:" + sipPort;
    }

    public String tcp() {
        return "tcp:127.0.0.1:" + sipPort;
    }

    /** A port free on both UDP and TCP on 127.0.0.1 right now. */
    static int freePort() throws IOException {
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

    @Override
    public void close() throws IOException {
        server.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
