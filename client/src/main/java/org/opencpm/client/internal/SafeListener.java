package org.opencpm.client.internal;

import org.opencpm.client.ChatMessage;
import org.opencpm.client.ChatSession;
import org.opencpm.client.CpmClientListener;
import org.opencpm.client.CpmException;
import org.opencpm.client.DispositionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's listener behind a guard: an exception it throws is logged, never let into the SIP stack. */
final class SafeListener implements CpmClientListener {

    private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

    private final CpmClientListener delegate;

    SafeListener(CpmClientListener delegate) {
        this.delegate = delegate;
    }

    private void guard(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("client listener failed in {}", what, e);
        }
    }

    @Override
    public void registered(String user, long expiresSeconds) {
        guard("registered", () -> delegate.registered(user, expiresSeconds));
    }

    @Override
    public void registrationFailed(String user, CpmException cause) {
        guard("registrationFailed", () -> delegate.registrationFailed(user, cause));
    }

    @Override
    public void sessionOpened(ChatSession session) {
        guard("sessionOpened", () -> delegate.sessionOpened(session));
    }

    @Override
    public void sessionClosed(ChatSession session, ChatSession.CloseReason reason) {
        guard("sessionClosed", () -> delegate.sessionClosed(session, reason));
    }

    @Override
    public void messageReceived(ChatMessage message) {
        guard("messageReceived", () -> delegate.messageReceived(message));
    }

    @Override
    public void notificationReceived(DispositionReport report) {
        guard("notificationReceived", () -> delegate.notificationReceived(report));
    }
}
