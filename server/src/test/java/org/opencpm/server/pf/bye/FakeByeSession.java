package org.opencpm.server.pf.bye;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * A CPM Session as the BYE and timer procedures see it, recording every action in order ({@link #log})
 * and holding the BYEs it "sent" until the test answers them ({@link #answerByes}).
 */
final class FakeByeSession implements ByeSession {

    final List<String> log = new ArrayList<>();
    final List<Leg> legs = new ArrayList<>();
    final List<Runnable> unanswered = new ArrayList<>();
    final VirtualScheduler clock = new VirtualScheduler();
    final boolean originating;
    boolean group;
    UserPreferences prefs = UserPreferences.DEFAULT;
    boolean ended;
    private int counter;

    FakeByeSession(boolean originating) {
        this.originating = originating;
    }

    /** A live leg named {@code name} (its dialog's remote tag), with media on {@code side} (may be null). */
    Leg leg(LegKind kind, String name, MediaPlane.Side side) {
        int n = ++counter;
        SipRequest invite = SipRequest.builder(SipRequest.INVITE, Uri.parse("sip:pf@127.0.0.1"))
                .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.5;branch=z9hG4bK" + n)
                .add(HeaderNames.FROM, "<sip:" + name + "@example.com>;tag=" + name)
                .add(HeaderNames.TO, "<sip:pf@example.com>")
                .add(HeaderNames.CALL_ID, "c" + n)
                .add(HeaderNames.CSEQ, "1 INVITE")
                .add(HeaderNames.CONTACT, "<sip:" + name + "@127.0.0.5>")
                .build();
        SipResponse ok = invite.createResponse(200).toBuilder().set(HeaderNames.TO, "<sip:pf@example.com>;tag=pf" + n)
                .set(HeaderNames.CONTACT, "<sip:pf@127.0.0.1>").build();
        Leg leg = new Leg(kind, Dialog.asUas(invite, ok), side, 1, "v=0\r\nm=message 2855 TCP/MSRP *\r\n", false);
        legs.add(leg);
        return leg;
    }

    static String name(Leg l) {
        return l.dialog().id().remoteTag();
    }

    /** Answers every BYE sent so far (200), in order. */
    void answerByes() {
        List<Runnable> now = new ArrayList<>(unanswered);
        unanswered.clear();
        now.forEach(Runnable::run);
    }

    @Override
    public String id() {
        return "s1";
    }

    @Override
    public boolean originating() {
        return originating;
    }

    @Override
    public boolean isGroup() {
        return group;
    }

    @Override
    public UserPreferences preferences() {
        return prefs;
    }

    @Override
    public List<Leg> legs() {
        return List.copyOf(legs);
    }

    @Override
    public void releaseMedia(Leg leg) {
        if (leg.mediaSide() != null) {
            log.add("release " + name(leg));
        }
    }

    @Override
    public void releaseAllMedia() {
        log.add("release all");
    }

    @Override
    public void dropLeg(Leg leg) {
        legs.remove(leg);
    }

    @Override
    public void sendBye(Leg leg, String reason, String messageUid, Consumer<SipResponse> done) {
        legs.remove(leg);
        log.add("BYE " + name(leg) + (reason == null ? "" : " " + reason) + (messageUid == null ? "" : " uid=" + messageUid));
        unanswered.add(() -> {
            log.add("200 from " + name(leg));
            if (done != null) {
                done.accept(null);
            }
        });
    }

    @Override
    public void reInviteWithoutStreamsOf(Leg towards, Leg closedIwf, Consumer<SipResponse> done) {
        log.add("re-INVITE " + name(towards) + " without " + name(closedIwf));
    }

    @Override
    public void answer(ServerTransaction tx, SipRequest bye, String messageUid) {
        log.add("answer 200" + (messageUid == null ? "" : " uid=" + messageUid));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return clock.schedule(delay, task);
    }

    @Override
    public String recordSession(String why) {
        log.add("record (" + why + ")");
        return "uid-rec";
    }

    @Override
    public String storeGroupState(boolean setGroupStateObjectId) {
        log.add("gso" + (setGroupStateObjectId ? " +GroupStateObjectID" : ""));
        return "uid-gso";
    }

    @Override
    public String sessionInfoUid() {
        return "uid-sio";
    }

    @Override
    public void remainInGroup(boolean intercept) {
        log.add("remain" + (intercept ? " intercepting" : ""));
    }

    @Override
    public void end(String why) {
        ended = true;
        log.add("end (" + why + ")");
    }
}
