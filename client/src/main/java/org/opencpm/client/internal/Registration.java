package org.opencpm.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.opencpm.client.CpmException;
import org.opencpm.common.time.Cancellable;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.Parameters;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.TransactionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's registration (RFC 3261 §10.2, RFC 5626 §4.2 for {@code +sip.instance}):
 *
 * <ol>
 * <li>REGISTER {@code sip:<domain>} with To/From = the user, our Contact with {@code +sip.instance} and
 *     the CPM ICSIs, and {@code Expires}; one Call-ID for all of them, the CSeq rising (§10.2.4).</li>
 * <li>423 (Interval Too Brief): once more with the registrar's {@code Min-Expires}.</li>
 * <li>2xx: the granted expiry is our Contact's {@code expires} in the response, else its Expires,
 *     else what we asked; the refresh is scheduled at 80% of it (at least 1 s before expiry).</li>
 * <li>A failed refresh is reported to the listener and retried after {@value #RETRY_SECONDS} s.</li>
 * <li>{@link #unregister}: the same Contact with {@code Expires: 0}.</li>
 * </ol>
 */
final class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);
    static final long RETRY_SECONDS = 30;

    private final RealCpmClient client;
    private final String callId;
    private final String fromTag;
    private long cseq;
    private long expires;
    private boolean registered;
    private Cancellable refresh;

    Registration(RealCpmClient client) {
        this.client = client;
        this.callId = client.newId() + "@" + client.config().localHost();
        this.fromTag = client.layer().newTag();
        this.expires = client.config().registerExpires();
    }

    void register(CompletableFuture<Long> done) {
        send(expires, done, true);
    }

    void unregister(CompletableFuture<Void> done) {
        cancelRefresh();
        if (!registered) {
            done.complete(null);
            return;
        }
        registered = false;
        CompletableFuture<Long> f = new CompletableFuture<>();
        f.whenComplete((v, e) -> done.complete(null));
        send(0, f, false);
    }

    private void send(long asked, CompletableFuture<Long> done, boolean retryOn423) {
        String user = client.user();
        SipUri registrar = SipUri.of(null, client.config().domain());
        SipRequest request = SipRequest.builder(SipRequest.REGISTER, registrar)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(client.config().user()).withTag(fromTag))
                .add(HeaderNames.TO, Address.of(client.config().user()))
                .add(HeaderNames.CALL_ID, callId)
                .add(HeaderNames.CSEQ, ++cseq + " " + SipRequest.REGISTER)
                .add(HeaderNames.CONTACT, client.registerContact())
                .add(HeaderNames.EXPIRES, asked)
                .add(HeaderNames.SUPPORTED, "path, gruu")
                .add(HeaderNames.USER_AGENT, client.config().userAgent())
                .build();
        client.events().registerStart(user, asked);
        client.layer().sendRequest(request, client.config().server(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                client.events().registerEnd(user, response.status());
                if (response.status() == 423 && retryOn423 && response.header(HeaderNames.MIN_EXPIRES) != null) {
                    expires = SipResponse.parseDeltaSeconds(response.header(HeaderNames.MIN_EXPIRES).trim(), "Min-Expires");
                    send(expires, done, false);
                } else if (response.isSuccess()) {
                    onRegistered(asked, response, done);
                } else {
                    failed(new CpmException(response.status(), response.reason()), done);
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                client.events().registerEnd(user, failure.asStatus());
                failed(new CpmException(failure.asStatus(), SipResponse.reasonPhrase(failure.asStatus())), done);
            }
        });
    }

    private void onRegistered(long asked, SipResponse response, CompletableFuture<Long> done) {
        if (asked == 0) {
            done.complete(0L);
            return;
        }
        long granted = granted(response, asked);
        registered = true;
        long refreshIn = Math.max(1, Math.min(granted * 8 / 10, granted - 1));
        cancelRefresh();
        refresh = client.scheduler().schedule(Duration.ofSeconds(refreshIn), this::refresh);
        client.listener().registered(client.user(), granted);
        done.complete(granted);
    }

    private long granted(SipResponse response, long asked) {
        String ours = client.config().instanceId();
        SipUri ourUri = client.registerContact().sipUri();
        for (Address c : response.contacts()) {
            String instance = c.param("+sip.instance");
            boolean mine = instance != null ? Parameters.unquote(instance).contains(ours)
                    : c.sipUri() != null && c.sipUri().equivalent(ourUri);
            if (mine && c.param("expires") != null) {
                try {
                    return SipResponse.parseDeltaSeconds(c.param("expires").trim(), "expires");
                } catch (RuntimeException e) {
                    break;
                }
            }
        }
        long e = response.expires();
        return e > 0 ? e : asked;
    }

    private void refresh() {
        if (client.isClosed()) {
            return;
        }
        CompletableFuture<Long> f = new CompletableFuture<>();
        send(expires, f, true);
    }

    private void failed(CpmException cause, CompletableFuture<Long> done) {
        if (!done.isDone() && registered) {
            // a refresh failed: keep trying while the client runs
            log.info("registration refresh for {} failed: {}", client.user(), cause.getMessage());
            client.listener().registrationFailed(client.user(), cause);
            cancelRefresh();
            refresh = client.scheduler().schedule(Duration.ofSeconds(RETRY_SECONDS), this::refresh);
        }
        done.completeExceptionally(cause);
    }

    private void cancelRefresh() {
        if (refresh != null) {
            refresh.cancel();
            refresh = null;
        }
    }
}
