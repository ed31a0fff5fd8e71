package org.opencpm.client.internal;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The validated settings of one client (built by {@code CpmClient.Builder}).
 *
 * @param user            the address-of-record, without parameters
 * @param server          the outbound proxy / registrar every out-of-dialog request goes to
 * @param localHost       the local address the SIP and MSRP listeners bind and advertise
 * @param autoAccept      accept incoming chat invitations
 * @param registerExpires the registration interval asked for, in seconds
 * @param requestTimeout  how long blocking callers wait
 * @param userAgent       the User-Agent value, release token first
 * @param instanceId      the {@code +sip.instance} URN
 */
public record ClientConfig(SipUri user, Target server, String localHost, boolean autoAccept, long registerExpires,
                           Duration requestTimeout, String userAgent, String instanceId) {

    public static final String DEFAULT_SERVER = "udp:127.0.0.1:5060";
    public static final long DEFAULT_REGISTER_EXPIRES = 600;
    /** The CPM release token (reference §2.4: {@code CPM-client/OMA<x.y>}) and our product token. */
    public static final String DEFAULT_USER_AGENT = "CPM-client/OMA2.1 OpenCPM/0.1";

    public static ClientConfig of(String user, String server, String localHost, boolean autoAccept,
                                  Duration registerExpires, Duration requestTimeout, String userAgent, String instanceId) {
        SipUri aor;
        try {
            aor = SipUri.parse(user.trim()).aor();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a SIP address: " + user + " (expected e.g. sip:alice@example.com)");
        }
        if (aor.rawUser() == null) {
            throw new IllegalArgumentException("the user address needs a user part: " + user);
        }
        Target target;
        try {
            target = Target.parse(server.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a server address: " + server + " (expected e.g. udp:127.0.0.1:5060)");
        }
        if (target.transport() != Transport.UDP && target.transport() != Transport.TCP) {
            throw new IllegalArgumentException("only udp and tcp servers are supported: " + server);
        }
        if (registerExpires.toSeconds() < 1) {
            throw new IllegalArgumentException("registerExpires must be at least 1 s");
        }
        String host = localHost != null ? localHost : localAddressTowards(target.address());
        String instance = instanceId != null ? instanceId : derivedInstance(aor);
        return new ClientConfig(aor, target, host, autoAccept, registerExpires.toSeconds(), requestTimeout,
                userAgent, instance);
    }

    /** The local address the OS would use to reach {@code server} (no packet is sent: UDP connect only picks a route). */
    static String localAddressTowards(InetSocketAddress server) {
        if (server.getAddress() == null || server.getAddress().isLoopbackAddress()) {
            return "127.0.0.1";
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(server);
            String a = s.getLocalAddress().getHostAddress();
            return a.equals("0.0.0.0") ? "127.0.0.1" : a;
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }

    /**
     * A name-based UUID of the user, the host name and the OS user: the same device always presents
     * the same {@code +sip.instance} (RFC 5626 §4.1) without writing any file.
     */
    static String derivedInstance(SipUri aor) {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isEmpty()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        String seed = aor.toString().toLowerCase(Locale.ROOT) + "|" + host + "|" + System.getProperty("user.name", "");
        return "urn:uuid:" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** The user's domain: the registrar's Request-URI host. */
    public String domain() {
        return user.host();
    }
}
