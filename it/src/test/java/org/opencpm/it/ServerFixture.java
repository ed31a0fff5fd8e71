package org.opencpm.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.opencpm.server.OpenCpmServer;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.ServerConfig;

/** Starts an in-process OpenCPM server on free loopback ports for one test class. */
public final class ServerFixture implements AutoCloseable {

    public final int sipPort;
    public final OpenCpmServer server;

    private ServerFixture(int sipPort, OpenCpmServer server) {
        this.sipPort = sipPort;
        this.server = server;
    }

    public static ServerFixture start(String extraYaml) throws Exception {
        int port = freePort();
        String yaml = "domain: example.com\n"
                + "listen:\n"
                + "  sip: [\"udp:127.0.0.1:" + port + "\", \"tcp:127.0.0.1:" + port + "\"]\n"
                + "  msrp: \"tcp:127.0.0.1:" + freePort() + "\"\n"
                // the durable stores (IMDN cache) go to a fresh directory, never into the module's ./data
                + (extraYaml.contains("data-dir:") ? "" : "data-dir: \""
                        + java.nio.file.Files.createTempDirectory("opencpm-it") + "\"\n")
                + extraYaml;
        ServerConfig config = ConfigLoader.load(yaml, "it-config.yaml");
        return new ServerFixture(port, OpenCpmServer.start(config));
    }

    public String address() {
        return "127.0.0.1:" + sipPort;
    }

    /** A port free on both UDP and TCP on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(p, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }

    @Override
    public void close() {
        server.close();
    }
}
