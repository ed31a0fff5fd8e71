package org.opencpm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.DispositionRequest;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.msrp.sdp.SdpSetup;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.FeatureTags;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;

/**
 * What the client puts on the wire, against a server the test plays (reference §2, §7.1, §8, §10):
 * REGISTER with {@code +sip.instance} and the CPM ICSIs and its refresh, the chat INVITE, the
 * pager-mode MESSAGE, and the outcome of a refused invitation.
 */
class WireFormatTest {

    private static final String SESSION = "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session";
    private static final String MSG = "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg";

    private ScriptedServer server;
    private CpmClient alice;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        alice = CpmClient.builder().user("sip:alice@example.com").server(server.address())
                .registerExpires(Duration.ofSeconds(600)).instanceId("urn:uuid:00000000-0000-0000-0000-00000000a11c")
                .requestTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() throws Exception {
        // close() unregisters: answer that REGISTER so the test does not wait out the request timeout
        CompletableFuture<Void> closing = CompletableFuture.runAsync(alice::close);
        ScriptedServer.Received unregister = server.take(SipRequest.REGISTER);
        assertThat(unregister.request().expires()).isZero();
        server.answer(unregister, 200);
        closing.get(10, TimeUnit.SECONDS);
        server.close();
    }

    private void registered(long grantedSeconds) throws Exception {
        CompletableFuture<Long> done = alice.register();
        ScriptedServer.Received reg = server.take(SipRequest.REGISTER);
        server.answer(reg, 200, HeaderNames.CONTACT, reg.request().contacts().get(0)
                .withParam("expires", Long.toString(grantedSeconds)).toString());
        assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo(grantedSeconds);
    }

    @Test
    @DisplayName("REGISTER carries +sip.instance and the CPM session and pager ICSIs, and is refreshed before it expires")
    void registerAndRefresh() throws Exception {
        CompletableFuture<Long> done = alice.register();
        ScriptedServer.Received reg = server.take(SipRequest.REGISTER);
        SipRequest r = reg.request();
        assertThat(r.requestUri().toString()).isEqualTo("sip:example.com");
        assertThat(r.to().uri().toString()).isEqualTo("sip:alice@example.com");
        assertThat(r.from().uri().toString()).isEqualTo("sip:alice@example.com");
        assertThat(r.expires()).isEqualTo(600);
        assertThat(r.header(HeaderNames.USER_AGENT)).startsWith("CPM-client/OMA2.1");
        Address contact = r.contacts().get(0);
        FeatureTags tags = FeatureTags.of(contact);
        assertThat(tags.instance()).isEqualTo("urn:uuid:00000000-0000-0000-0000-00000000a11c");
        assertThat(tags.icsis()).containsExactly(SESSION, MSG);
        assertThat(contact.toString()).contains(
                "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session,"
                        + "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"");

        server.answer(reg, 200, HeaderNames.CONTACT, contact.withParam("expires", "2").toString());
        assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo(2);

        // granted 2 s: the refresh comes after 80% of it, same Call-ID, next CSeq
        ScriptedServer.Received refresh = server.take(SipRequest.REGISTER);
        assertThat(refresh.request().callId()).isEqualTo(r.callId());
        assertThat(refresh.request().cseq().sequence()).isEqualTo(r.cseq().sequence() + 1);
        server.answer(refresh, 200, HeaderNames.CONTACT, contact.withParam("expires", "600").toString());
    }

    @Test
    @DisplayName("the chat INVITE asks for the session ICSI with CPM identifiers, timer and an MSRP offer; a 480 fails openChat")
    void chatInvite() throws Exception {
        registered(600);
        CompletableFuture<ChatSession> chat = alice.openChat("sip:bob@example.com");
        ScriptedServer.Received inv = server.take(SipRequest.INVITE);
        SipRequest r = inv.request();
        assertThat(r.requestUri().toString()).isEqualTo("sip:bob@example.com");
        assertThat(r.header(HeaderNames.ACCEPT_CONTACT))
                .isEqualTo("*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\"");
        assertThat(r.header(HeaderNames.P_PREFERRED_SERVICE)).isEqualTo(SESSION);
        assertThat(r.header(HeaderNames.CONVERSATION_ID)).matches("[0-9a-f]{32}");
        assertThat(r.header(HeaderNames.CONTRIBUTION_ID)).matches("[0-9a-f]{32}");
        assertThat(r.header(HeaderNames.USER_AGENT)).isEqualTo("CPM-client/OMA2.1 OpenCPM/0.1");
        assertThat(r.header(HeaderNames.SUPPORTED)).isEqualTo("timer");
        assertThat(r.header(HeaderNames.SESSION_EXPIRES)).isEqualTo("1800");
        assertThat(FeatureTags.of(r.contacts().get(0)).icsis()).containsExactly(SESSION);
        assertThat(r.contentType()).isEqualTo("application/sdp");
        String sdp = r.bodyAsString();
        assertThat(sdp).contains("m=message ").contains(" TCP/MSRP *\r\n").contains("a=sendrecv\r\n");
        MsrpMedia offer = MsrpMedia.parse(sdp.substring(sdp.indexOf("m=message")));
        assertThat(offer.acceptTypes()).containsExactly("message/cpim");
        assertThat(offer.acceptWrappedTypes()).containsExactly("text/plain", "message/imdn+xml");
        assertThat(offer.setup()).isEqualTo(SdpSetup.ACTIVE);

        server.answer(inv, 480);
        assertThatThrownBy(() -> chat.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CpmException.class).hasMessage("480 Temporarily Unavailable");
        assertThat(server.take(SipRequest.ACK).request().cseq().sequence()).isEqualTo(r.cseq().sequence());

        // the next chat with bob belongs to the same conversation, as a new contribution
        alice.openChat("sip:bob@example.com");
        SipRequest again = server.take(SipRequest.INVITE).request();
        assertThat(again.header(HeaderNames.CONVERSATION_ID)).isEqualTo(r.header(HeaderNames.CONVERSATION_ID));
        assertThat(again.header(HeaderNames.CONTRIBUTION_ID)).isNotEqualTo(r.header(HeaderNames.CONTRIBUTION_ID));
    }

    @Test
    @DisplayName("an accepted chat: ACK, CPIM with anonymous From/To over MSRP, UPDATE refreshes at half the "
            + "session interval, BYE with Reason SIP;cause=200")
    void acceptedChat() throws Exception {
        registered(600);
        CompletableFuture<ChatSession> opening = alice.openChat("sip:bob@example.com");
        ScriptedServer.Received inv = server.take(SipRequest.INVITE);
        String offerSdp = inv.request().bodyAsString();
        MsrpMedia offer = MsrpMedia.parse(offerSdp.substring(offerSdp.indexOf("m=message")));

        BlockingQueue<MsrpSessionEvent> bobMsrp = new LinkedBlockingQueue<>();
        try (MsrpEndpoint bobEndpoint = MsrpEndpoint.builder().listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            MsrpMedia answer = MsrpMedia.of(bobEndpoint.newLocalUri(), List.of("message/cpim"), List.of(),
                    SdpSetup.PASSIVE, null);
            bobEndpoint.openSession(MsrpMedia.sessionParameters(answer, offer, SetupRole.PASSIVE), bobMsrp::add);
            String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + answer.toSdp();
            server.answerWithBody(inv, 200, "application/sdp", sdp,
                    HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + server.port() + ">",
                    HeaderNames.SESSION_EXPIRES, "2;refresher=uac", HeaderNames.REQUIRE, "timer");
            ChatSession chat = opening.get(5, TimeUnit.SECONDS);
            assertThat(server.take(SipRequest.ACK).request().requestUri().toString())
                    .isEqualTo("sip:bob@127.0.0.1:" + server.port());

            chat.send("hi bob").get(5, TimeUnit.SECONDS);
            MsrpSessionEvent.MessageReceived got = null;
            while (got == null) {
                MsrpSessionEvent e = bobMsrp.poll(5, TimeUnit.SECONDS);
                assertThat(e).as("MSRP message at bob").isNotNull();
                if (e instanceof MsrpSessionEvent.MessageReceived m && m.message().body().length > 0) {
                    got = m;
                }
            }
            assertThat(got.message().contentType()).isEqualTo("message/cpim");
            CpimMessage cpim = CpimMessage.parse(got.message().body());
            assertThat(cpim.from().orElseThrow()).isEqualTo(CpimAddress.ANONYMOUS);
            assertThat(cpim.to()).containsExactly(CpimAddress.ANONYMOUS);
            assertThat(cpim.imdnMessageId()).isPresent();
            assertThat(cpim.dispositionNotification())
                    .containsExactlyInAnyOrder(DispositionRequest.POSITIVE_DELIVERY, DispositionRequest.DISPLAY);
            assertThat(cpim.contentAsText()).isEqualTo("hi bob");

            // refresher = uac (us), interval 2 s: UPDATE after 1 s
            ScriptedServer.Received update = server.take(SipRequest.UPDATE);
            assertThat(update.request().header(HeaderNames.SESSION_EXPIRES)).isEqualTo("2;refresher=uac");
            assertThat(update.request().callId()).isEqualTo(inv.request().callId());
            server.answer(update, 200, HeaderNames.SESSION_EXPIRES, "600;refresher=uac");

            CompletableFuture<Void> closing = chat.close();
            ScriptedServer.Received bye = server.take(SipRequest.BYE);
            assertThat(bye.request().header(HeaderNames.REASON)).isEqualTo("SIP;cause=200");
            server.answer(bye, 200);
            closing.get(5, TimeUnit.SECONDS);
            assertThat(chat.state()).isEqualTo(ChatSession.State.CLOSED);
        }
    }

    @Test
    @DisplayName("a 200 without an MSRP answer is acknowledged and ended with BYE; openChat fails with 488")
    void answerWithoutMsrp() throws Exception {
        registered(600);
        CompletableFuture<ChatSession> opening = alice.openChat("sip:bob@example.com");
        ScriptedServer.Received inv = server.take(SipRequest.INVITE);
        server.answerWithBody(inv, 200, "application/sdp", "v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n",
                HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + server.port() + ">");
        assertThatThrownBy(() -> opening.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CpmException.class).hasMessageStartingWith("488");
        server.take(SipRequest.ACK);
        ScriptedServer.Received bye = server.take(SipRequest.BYE);
        assertThat(bye.request().header(HeaderNames.REASON)).startsWith("SIP;cause=488");
        server.answer(bye, 200);
        assertThat(alice.sessions()).isEmpty();
    }

    @Test
    @DisplayName("an invitation that is only ringing is cancelled after the request timeout; openChat fails with 487")
    void unansweredInviteIsCancelled() throws Exception {
        registered(600);
        CompletableFuture<ChatSession> opening = alice.openChat("sip:bob@example.com");
        ScriptedServer.Received inv = server.take(SipRequest.INVITE);
        server.answer(inv, 180);
        ScriptedServer.Received cancel = server.take(SipRequest.CANCEL); // requestTimeout is 2 s here
        assertThat(cancel.request().topVia().branch()).isEqualTo(inv.request().topVia().branch());
        server.answer(cancel, 200);
        server.answer(inv, 487);
        assertThatThrownBy(() -> opening.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CpmException.class).hasMessageStartingWith("487");
    }

    @Test
    @DisplayName("a pager-mode MESSAGE carries CPIM with real From/To and IMDN requests; 202 counts as sent")
    void pagerMessage() throws Exception {
        registered(600);
        CompletableFuture<String> sent = alice.sendMessage("sip:bob@example.com", "hello bob");
        ScriptedServer.Received msg = server.take(SipRequest.MESSAGE);
        SipRequest r = msg.request();
        assertThat(r.header(HeaderNames.ACCEPT_CONTACT))
                .isEqualTo("*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"");
        assertThat(r.header(HeaderNames.CONVERSATION_ID)).isNotBlank();
        assertThat(r.header(HeaderNames.CONTRIBUTION_ID)).isNotBlank();
        assertThat(r.contentType()).isEqualTo("message/cpim");
        CpimMessage cpim = CpimMessage.parse(r.body());
        assertThat(cpim.from().orElseThrow().uri()).isEqualTo("sip:alice@example.com");
        assertThat(cpim.to().get(0).uri()).isEqualTo("sip:bob@example.com");
        assertThat(cpim.dispositionNotification())
                .containsExactlyInAnyOrder(DispositionRequest.POSITIVE_DELIVERY, DispositionRequest.DISPLAY);
        assertThat(cpim.dateTime()).isPresent();
        assertThat(cpim.contentAsText()).isEqualTo("hello bob");

        server.answer(msg, 202);
        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(cpim.imdnMessageId().orElseThrow());
    }
}
