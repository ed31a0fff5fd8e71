package org.opencpm.server.pf;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.server.pf.media.MediaPlane;

/** A media plane that records what the procedures ask of it, in order, for assertions ("media released last"). */
public final class RecordingMediaPlane implements MediaPlane {

    public final List<String> calls = new ArrayList<>();
    public final List<RelayListener> listeners = new ArrayList<>();
    private int next;

    @Override
    public MsrpUri newLocalUri() {
        return MsrpUri.of("127.0.0.1", 2855, "pf" + (++next));
    }

    @Override
    public String address() {
        return "127.0.0.1";
    }

    @Override
    public Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener) {
        calls.add("join client=" + clientLeg.peer().path().get(0).sessionId() + " network="
                + networkLeg.peer().path().get(0).sessionId());
        listeners.add(listener);
        return new Relay() {
            @Override
            public void releaseLeg(Side side) {
                calls.add("release " + side + " leg");
            }

            @Override
            public void release() {
                calls.add("release all");
            }
        };
    }
}
