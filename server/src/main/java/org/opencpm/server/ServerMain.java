package org.opencpm.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.opencpm.server.config.ConfigException;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./opencpm server [--config FILE]}: loads and validates the configuration, starts the server,
 * logs a line containing {@code ready} once every listener is bound, and runs until SIGTERM/SIGINT.
 */
public final class ServerMain {

    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {
    }

    /** Runs the server in the foreground; returns the process exit code. */
    public static int run(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        System.err.println("opencpm server: --config needs a file");
                        return 2;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: ./opencpm server [--config FILE]   (configuration keys: docs/configuration.md)");
                    return 0;
                }
                default -> {
                    System.err.println("opencpm server: unknown argument '" + args[i] + "'");
                    return 2;
                }
            }
        }
        ServerConfig config;
        try {
            if (configFile == null) {
                config = ServerConfig.defaults();
            } else if (!Files.isRegularFile(configFile)) {
                System.err.println("opencpm server: configuration file " + configFile + " not found");
                return 2;
            } else {
                config = ConfigLoader.load(configFile);
            }
        } catch (ConfigException e) {
            System.err.println("opencpm server: invalid configuration\n" + e.getMessage());
            return 2;
        }
        OpenCpmServer server;
        try {
            server = OpenCpmServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("opencpm server: " + e.getMessage());
            log.debug("start failure", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "opencpm-shutdown"));
        log.info("OpenCPM ready: domain {}, {}", config.domain(), server.describeListeners());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
