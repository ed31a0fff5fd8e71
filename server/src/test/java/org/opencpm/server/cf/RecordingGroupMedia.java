package org.opencpm.server.cf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.sdp.MsrpMedia;

/**
 * A CF media plane that records what the procedures ask of it, in order ("open", "send", "release"), and
 * lets a test play a participant's MSRP message into the focus.
 */
final class RecordingGroupMedia implements GroupMedia {

    final List<String> calls = new ArrayList<>();
    final Map<String, RecordedLeg> legs = new LinkedHashMap<>();
    private int next;

    @Override
    public MsrpUri newLocalUri() {
        return MsrpUri.of("127.0.0.1", 2856, "cf" + (++next));
    }

    @Override
    public String address() {
        return "127.0.0.1";
    }

    @Override
    public Leg open(String label, MsrpUri local, MsrpMedia peer, boolean weConnect, LegListener listener) {
        String who = label.substring(label.indexOf('/') + 1);
        calls.add("open " + who);
        RecordedLeg leg = new RecordedLeg(who, listener);
        legs.put(who, leg);
        return leg;
    }

    /** Plays a message from {@code participant} into the focus. */
    void receive(String participant, String contentType, String body) {
        legs.get(participant).listener.onMessage(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    final class RecordedLeg implements Leg {
        final String who;
        final LegListener listener;
        final List<String> sent = new ArrayList<>();
        boolean released;

        RecordedLeg(String who, LegListener listener) {
            this.who = who;
            this.listener = listener;
        }

        @Override
        public void send(String contentType, byte[] body) {
            if (released) {
                throw new AssertionError("send on the released leg of " + who);
            }
            sent.add(new String(body, StandardCharsets.UTF_8));
            calls.add("send " + who);
        }

        @Override
        public void release() {
            released = true;
            calls.add("release " + who);
        }
    }
}
