package org.opencpm.msrp.internal.relay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.IncomingMessage;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpRelay;
import org.opencpm.msrp.MsrpRelayEvent;
import org.opencpm.msrp.MsrpRelayHook;
import org.opencpm.msrp.MsrpRelayListener;
import org.opencpm.msrp.MsrpSession;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpSessionListener;
import org.opencpm.msrp.MsrpStatus;
import org.opencpm.msrp.MsrpStatusCodes;
import org.opencpm.msrp.OutgoingMessage;
import org.opencpm.msrp.RelayLeg;
import org.opencpm.msrp.RelayOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MsrpRelay} implementation: listens to both legs' session events on their shared scheduler.
 * Create it, give {@link #listener(RelayLeg)} to each leg's session, {@link #join} the sessions, then start them.
 */
public final class BackToBackRelay implements MsrpRelay {

    private static final Logger log = LoggerFactory.getLogger(BackToBackRelay.class);

    /** Relayed messages remembered for report translation; the oldest are forgotten beyond this. */
    static final int MAX_TRACKED = 10_000;

    /** A message sent on one leg on behalf of the other. */
    private record Forwarded(RelayLeg from, String originalId, long size, boolean successReport,
                             boolean failureReport) {
    }

    private final MsrpRelayHook hook;
    private final MsrpRelayListener owner;
    private MsrpSession client;
    private MsrpSession network;
    /** Made on the first relayed message; an idle relay holds none. Touched on the relay's scheduler only. */
    private Map<String, Forwarded> forwarded;
    // Written on the relay's scheduler only, read from any thread.
    private volatile long messages;
    private volatile long bytes;

    public BackToBackRelay(MsrpRelayHook hook, MsrpRelayListener owner) {
        this.hook = hook;
        this.owner = owner;
    }

    /** The listener to give the session of {@code leg}. */
    public MsrpSessionListener listener(RelayLeg leg) {
        return event -> onEvent(leg, event);
    }

    public void join(MsrpSession client, MsrpSession network) {
        this.client = client;
        this.network = network;
    }

    @Override
    public MsrpSession leg(RelayLeg leg) {
        return leg == RelayLeg.CLIENT ? client : network;
    }

    @Override
    public long forwardedMessages() {
        return messages;
    }

    @Override
    public long forwardedBytes() {
        return bytes;
    }

    @Override
    public void close() {
        client.close();
        network.close();
    }

    private void onEvent(RelayLeg leg, MsrpSessionEvent event) {
        if (event instanceof MsrpSessionEvent.MessageReceived) {
            onMessage(leg, ((MsrpSessionEvent.MessageReceived) event).message());
        } else if (event instanceof MsrpSessionEvent.ReportReceived) {
            onReport((MsrpSessionEvent.ReportReceived) event);
        } else if (event instanceof MsrpSessionEvent.MessageDelivered) {
            String id = ((MsrpSessionEvent.MessageDelivered) event).message().messageId();
            Forwarded f = forwarded == null ? null : forwarded.get(id);
            if (f != null && !f.successReport) {
                forwarded.remove(id);
            }
        } else if (event instanceof MsrpSessionEvent.SendFailed) {
            onSendFailed(leg, (MsrpSessionEvent.SendFailed) event);
        } else if (event instanceof MsrpSessionEvent.WritabilityChanged) {
            // Back-pressure: a leg that cannot take more stops the reading of the other leg.
            leg(leg.other()).setReading(((MsrpSessionEvent.WritabilityChanged) event).writable());
        } else if (event instanceof MsrpSessionEvent.Connected) {
            owner.onEvent(new MsrpRelayEvent.LegConnected(leg));
        } else if (event instanceof MsrpSessionEvent.ConnectionLost) {
            MsrpSessionEvent.ConnectionLost lost = (MsrpSessionEvent.ConnectionLost) event;
            leg(leg.other()).setReading(true);
            boolean timeout = lost.cause() == LossCause.TRANSACTION_TIMEOUT || lost.cause() == LossCause.KEEPALIVE_FAILED
                    || lost.cause() == LossCause.NO_FIRST_RESPONSE;
            lost.undelivered().forEach(m -> reportFailure(m,
                    timeout ? MsrpStatusCodes.REQUEST_TIMEOUT : MsrpStatusCodes.SESSION_DOES_NOT_EXIST));
            owner.onEvent(new MsrpRelayEvent.LegLost(leg, lost.cause(), lost.detail(), lost.undelivered()));
        } else if (event instanceof MsrpSessionEvent.Closed) {
            List<OutgoingMessage> undelivered = ((MsrpSessionEvent.Closed) event).undelivered();
            undelivered.forEach(m -> reportFailure(m, MsrpStatusCodes.SESSION_DOES_NOT_EXIST));
            owner.onEvent(new MsrpRelayEvent.LegClosed(leg, undelivered));
        }
    }

    private void onMessage(RelayLeg from, IncomingMessage message) {
        RelayOutcome outcome;
        try {
            outcome = hook.intercept(from, message);
        } catch (RuntimeException e) {
            log.error("MSRP relay: hook threw on message {} from the {} leg; message dropped", message.messageId(),
                    from, e);
            return;
        }
        if (outcome instanceof RelayOutcome.Drop) {
            log.debug("MSRP relay: message {} from the {} leg dropped: {}", message.messageId(), from,
                    ((RelayOutcome.Drop) outcome).reason());
            return;
        }
        if (outcome instanceof RelayOutcome.Consume) {
            return;
        }
        IncomingMessage m = ((RelayOutcome.Forward) outcome).message();
        MsrpSession target = leg(from.other());
        boolean wantsFailure = !"no".equalsIgnoreCase(trimmed(m.headers().get(MsrpHeaders.FAILURE_REPORT)));
        OutgoingMessage out = new OutgoingMessage(target.newMessageId(), m.contentType(), m.body(), m.successReport(),
                FailureReport.YES);
        if (target.isClosed()) {
            owner.onEvent(new MsrpRelayEvent.Undeliverable(from.other(), out, 0, "leg closed"));
            if (wantsFailure) {
                // RFC 4975 §7.1.2: the sender already has our 200; without a REPORT it would take the message as delivered.
                leg(from).sendReport(m.messageId(), status(MsrpStatusCodes.SESSION_DOES_NOT_EXIST), out.size());
            }
            return;
        }
        remember(out.messageId(), new Forwarded(from, m.messageId(), out.size(), m.successReport(), wantsFailure));
        messages++;
        bytes += out.size();
        target.send(out);
    }

    private void onReport(MsrpSessionEvent.ReportReceived report) {
        Forwarded f = forget(report.messageId());
        if (f == null) {
            log.debug("MSRP relay: REPORT for unknown message {}; ignored", report.messageId());
            return;
        }
        if (report.status().isSuccess() ? f.successReport : f.failureReport) {
            leg(f.from).sendReport(f.originalId, report.status(), f.size);
        }
    }

    private void onSendFailed(RelayLeg leg, MsrpSessionEvent.SendFailed failed) {
        owner.onEvent(new MsrpRelayEvent.Undeliverable(leg, failed.message(), failed.code(), failed.comment()));
        if (failed.code() != 0) {
            // RFC 4975 §7.1.2: the sender already has our 200, so the refusal travels back as a failure REPORT.
            reportFailure(failed.message(), new MsrpStatus(failed.code(), failed.comment()));
        } else {
            // Refused here (leg closed, queue full, over the peer's max-size): no peer answered, yet the sender has our 200.
            reportFailure(failed.message(), leg(leg).isClosed() ? MsrpStatusCodes.SESSION_DOES_NOT_EXIST
                    : MsrpStatusCodes.REQUEST_TIMEOUT);
        }
    }

    private void reportFailure(OutgoingMessage sent, int code) {
        reportFailure(sent, status(code));
    }

    /** Sends a failure REPORT for a relayed message to the leg it came from, if its sender asked for one. */
    private void reportFailure(OutgoingMessage sent, MsrpStatus status) {
        Forwarded f = forget(sent.messageId());
        if (f != null && f.failureReport) {
            leg(f.from).sendReport(f.originalId, status, f.size);
        }
    }

    private void remember(String sentId, Forwarded f) {
        if (forwarded == null) {
            forwarded = new LinkedHashMap<>(64, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Forwarded> eldest) {
                    return size() > MAX_TRACKED;
                }
            };
        }
        forwarded.put(sentId, f);
    }

    private Forwarded forget(String sentId) {
        return forwarded == null ? null : forwarded.remove(sentId);
    }

    private static MsrpStatus status(int code) {
        return new MsrpStatus(code, MsrpStatusCodes.defaultComment(code));
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
