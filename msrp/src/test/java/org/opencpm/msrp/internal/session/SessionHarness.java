package org.opencpm.msrp.internal.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;

/** One session on virtual time over a {@link FakeTransport}; the test speaks for the peer. */
final class SessionHarness {

    static final MsrpUri LOCAL = MsrpUri.parse("msrp://pf.example.com:2855/local123;tcp");
    static final MsrpUri REMOTE = MsrpUri.parse("msrp://client.example.com:7777/remote456;tcp");

    final VirtualScheduler time = new VirtualScheduler();
    final SessionRegistry registry = new SessionRegistry();
    final FakeTransport transport = new FakeTransport();
    final MsrpConnection connection;
    final List<MsrpSessionEvent> events = new ArrayList<>();
    final RealMsrpSession session;
    private final boolean attachOnConnect;
    private int peerIds;

    SessionHarness(SetupRole role, MsrpSessionConfig config, List<String> acceptTypes) {
        this(role, config, acceptTypes, true);
    }

    /** @param attachOnConnect false: an active session's connect never completes until {@link #attach()} */
    SessionHarness(SetupRole role, MsrpSessionConfig config, List<String> acceptTypes, boolean attachOnConnect) {
        this.attachOnConnect = attachOnConnect;
        connection = new MsrpConnection(transport, time, config, registry, () -> { });
        transport.connection = connection;
        Connector connector = (hop, s) -> {
            if (this.attachOnConnect) {
                connection.attach(s);
            }
        };
        session = new RealMsrpSession(LOCAL, List.of(REMOTE), acceptTypes, role, config, time, events::add, registry,
                connector, new Ids(42));
        session.start();
        time.runPending();
    }

    static SessionHarness active(MsrpSessionConfig config) {
        return new SessionHarness(SetupRole.ACTIVE, config, List.of());
    }

    /** An active session whose bind SEND was answered. */
    static SessionHarness connected(MsrpSessionConfig config) {
        SessionHarness h = active(config);
        h.answerAll(200);
        h.events.clear();
        return h;
    }

    /** Completes a connect that was held back. */
    void attach() {
        connection.attach(session);
        time.runPending();
    }

    /** The peer answers every request written so far with {@code code}. */
    List<MsrpMessage> answerAll(int code) {
        List<MsrpMessage> sent = transport.take();
        for (MsrpMessage m : sent) {
            if (m instanceof MsrpRequest && !((MsrpRequest) m).isReport()) {
                deliver(((MsrpRequest) m).createResponse(code, null));
            }
        }
        return sent;
    }

    void deliver(Object fromPeer) {
        connection.onInbound(fromPeer);
        time.runPending();
    }

    MsrpRequest.Builder peerSend(String messageId) {
        return MsrpRequest.builder(MsrpRequest.SEND).transactionId("peer" + (1000 + peerIds++))
                .toPath(List.of(LOCAL)).fromPath(List.of(REMOTE)).messageId(messageId);
    }

    MsrpRequest peerChunk(String messageId, long start, long total, String body, ContinuationFlag flag) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return peerSend(messageId).byteRange(new ByteRange(start, start + b.length - 1, total))
                .body("text/plain", b).flag(flag).build();
    }

    /** The single response written since the last take, which must answer {@code request}. */
    MsrpResponse responseTo(MsrpRequest request) {
        List<MsrpMessage> out = transport.take();
        for (MsrpMessage m : out) {
            if (m instanceof MsrpResponse && m.transactionId().equals(request.transactionId())) {
                return (MsrpResponse) m;
            }
        }
        throw new AssertionError("no response to " + request.transactionId() + " in " + out);
    }

    <T extends MsrpSessionEvent> List<T> events(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MsrpSessionEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }
}
