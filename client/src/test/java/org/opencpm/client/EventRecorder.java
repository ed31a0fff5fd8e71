package org.opencpm.client;

import java.util.ArrayList;
import java.util.List;

/** Records {@link EventListener} calls as short strings, in order. */
final class EventRecorder implements EventListener {

    private final List<String> events = new ArrayList<>();

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    private synchronized void add(String e) {
        events.add(e);
    }

    @Override
    public void registerStart(String user, long expires) {
        add("registerStart " + expires);
    }

    @Override
    public void registerEnd(String user, int status) {
        add("registerEnd " + status);
    }

    @Override
    public void inviteStart(String peer, String callId) {
        add("inviteStart " + peer);
    }

    @Override
    public void inviteEnd(String peer, String callId, int status) {
        add("inviteEnd " + peer + " " + status);
    }

    @Override
    public void msrpConnectStart(ChatSession session) {
        add("msrpConnectStart");
    }

    @Override
    public void msrpConnectEnd(ChatSession session, boolean connected) {
        add("msrpConnectEnd " + connected);
    }

    @Override
    public void sendStart(String peer, String messageId, boolean pager) {
        add("sendStart " + (pager ? "pager" : "msrp"));
    }

    @Override
    public void sendEnd(String peer, String messageId, int status) {
        add("sendEnd " + status);
    }
}
