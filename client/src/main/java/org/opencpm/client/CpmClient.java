package org.opencpm.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.opencpm.client.internal.ClientConfig;
import org.opencpm.client.internal.RealCpmClient;

/**
 * A CPM client for one user on one device: it registers with a CPM server (an OpenCPM server, or any
 * SIP/IP core with a CPM Participating Function), opens and accepts 1-1 chat sessions and sends and
 * receives pager-mode messages. Build one per user and device, and {@link #close()} it at the end.
 *
 * <pre>{@code
 * CpmClient alice = CpmClient.builder()
 *         .user("sip:alice@example.com")
 *         .server("udp:127.0.0.1:5060")          // the default
 *         .listener(new CpmClientListener() {
 *             public void messageReceived(ChatMessage m) { System.out.println("<" + m.from() + "> " + m.text()); }
 *         })
 *         .build();
 * alice.register().get(10, SECONDS);
 * ChatSession chat = alice.openChat("sip:bob@example.com").get(30, SECONDS);
 * chat.send("hi bob");
 * alice.sendMessage("sip:bob@example.com", "pager mode hello");
 * alice.close();                                 // BYE, unregister, stop
 * }</pre>
 *
 * <p><b>What goes on the wire.</b> REGISTER with a Contact carrying {@code +sip.instance} (stable per
 * user and device) and the CPM session and pager ICSIs, refreshed before it expires; INVITE with
 * {@code Accept-Contact} for the session ICSI, Conversation-ID (kept per peer), a new Contribution-ID,
 * the release token {@value ClientConfig#DEFAULT_USER_AGENT} in User-Agent, session timer, and an
 * SDP offer {@code m=message … TCP/MSRP *} with {@code a=setup:active}; CPIM over MSRP with anonymous
 * From/To (reference §8) and IMDN requests; SIP MESSAGE with a CPIM body for pager mode.
 *
 * <p><b>Threading.</b> All protocol work runs on one event thread (the SIP event loop), which also
 * calls the listeners. Methods returning futures may be called from any thread; blocking on a future
 * ({@code get}) and {@link #close()} must not be done on the event thread.
 */
public interface CpmClient extends AutoCloseable {

    static Builder builder() {
        return new Builder();
    }

    /** The user's address-of-record, e.g. {@code sip:alice@example.com}. */
    String user();

    /**
     * Registers (REGISTER with Expires {@link Builder#registerExpires}); the client then refreshes the
     * registration before it expires, until {@link #close()}.
     *
     * @return completes with the granted expiry in seconds, or fails with {@link CpmException}
     */
    CompletableFuture<Long> register();

    /**
     * Opens a 1-1 chat with {@code peerUri}. Completes when the peer has accepted (2xx, ACK sent);
     * fails with {@link CpmException} carrying the final status otherwise (e.g. 480).
     */
    CompletableFuture<ChatSession> openChat(String peerUri);

    /**
     * Sends a pager-mode message (SIP MESSAGE with a CPIM body) asking for delivery and display
     * notifications. Completes with its {@code imdn.Message-ID} once answered 200 or 202.
     */
    CompletableFuture<String> sendMessage(String peerUri, String text);

    /**
     * Sends a display notification for {@code message} (over its session, or as a SIP MESSAGE for a
     * pager-mode message) if its sender asked for one; does nothing otherwise. Call it once the
     * message has been shown to the user.
     */
    void markDisplayed(ChatMessage message);

    /** The sessions not closed yet, oldest first. */
    List<ChatSession> sessions();

    /**
     * Ends every open session (BYE), unregisters (REGISTER with Expires 0), and stops. Blocks for at
     * most a few seconds; idempotent. Must not be called on the event thread.
     */
    @Override
    void close();

    /**
     * Configures a {@link CpmClient}. Only {@link #user} is required; the defaults work against
     * {@code ./opencpm server} on this machine.
     */
    final class Builder {
        private String user;
        private String server = ClientConfig.DEFAULT_SERVER;
        private String localHost;
        private boolean autoAccept = true;
        private Duration registerExpires = Duration.ofSeconds(ClientConfig.DEFAULT_REGISTER_EXPIRES);
        private Duration requestTimeout = Duration.ofSeconds(32);
        private String userAgent = ClientConfig.DEFAULT_USER_AGENT;
        private String instanceId;
        private CpmClientListener listener = new CpmClientListener() {
        };
        private EventListener eventListener = EventListener.NONE;

        Builder() {
        }

        /** The user's address-of-record, {@code sip:alice@example.com}. Required. */
        public Builder user(String aor) {
            this.user = Objects.requireNonNull(aor, "user");
            return this;
        }

        /** Where the server listens, {@code udp:HOST:PORT} or {@code tcp:HOST:PORT}; default {@value ClientConfig#DEFAULT_SERVER}. */
        public Builder server(String transportHostPort) {
            this.server = Objects.requireNonNull(transportHostPort, "server");
            return this;
        }

        /**
         * The local address to listen on for SIP and MSRP and to put in Contact and {@code a=path};
         * default: the address this host uses to reach the server.
         */
        public Builder localHost(String host) {
            this.localHost = host;
            return this;
        }

        /** Accept incoming chat invitations automatically (default true); when false they are declined with 603. */
        public Builder autoAccept(boolean accept) {
            this.autoAccept = accept;
            return this;
        }

        /** The registration interval asked for; default {@value ClientConfig#DEFAULT_REGISTER_EXPIRES} s. */
        public Builder registerExpires(Duration expires) {
            this.registerExpires = Objects.requireNonNull(expires, "expires");
            return this;
        }

        /**
         * How long an invitation waits for the peer's answer before it is cancelled (then
         * {@link CpmClient#openChat} fails with 487), and the bound of the waits in {@link CpmClient#close()};
         * default 32 s (64·T1).
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The User-Agent header; default {@value ClientConfig#DEFAULT_USER_AGENT} (the CPM release token first). */
        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value, "userAgent");
            return this;
        }

        /**
         * The {@code +sip.instance} URN, e.g. {@code urn:uuid:…}; default: a UUID derived from the user,
         * the host name and the OS user, so it is stable per user and device.
         */
        public Builder instanceId(String urn) {
            this.instanceId = urn;
            return this;
        }

        public Builder listener(CpmClientListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        public Builder eventListener(EventListener l) {
            this.eventListener = Objects.requireNonNull(l, "eventListener");
            return this;
        }

        /**
         * Starts the client's SIP and MSRP listeners (not the registration: call {@link CpmClient#register()}).
         *
         * @throws IllegalArgumentException for a user or server that cannot be parsed
         * @throws IllegalStateException    if the local listeners cannot be bound
         */
        public CpmClient build() {
            if (user == null) {
                throw new IllegalArgumentException("user is required, e.g. sip:alice@example.com");
            }
            ClientConfig config = ClientConfig.of(user, server, localHost, autoAccept, registerExpires,
                    requestTimeout, userAgent, instanceId);
            return RealCpmClient.start(config, listener, eventListener);
        }
    }
}
