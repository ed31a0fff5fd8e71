package org.opencpm.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The typed headers CPM needs: parse, the wire form, the faults; examples from reference §2, §3 and §11. */
class TypedHeadersTest {

    private static final String CPM_SESSION = "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session";
    private static final String CPM_SESSION_ESCAPED = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session";

    private static void fails(Runnable r, String fault) {
        assertThatThrownBy(r::run).isInstanceOf(SipParseException.class)
                .extracting(e -> ((SipParseException) e).fault()).asString().startsWith(fault);
    }

    @Test
    void parsesTheReferenceExample() {
        Reason r = Reason.parse("SIP;cause=200;text=\"Call completed elsewhere\"");
        assertThat(r.protocol()).isEqualTo("SIP");
        assertThat(r.cause()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("Call completed elsewhere");
        assertThat(r).hasToString("SIP;cause=200;text=\"Call completed elsewhere\"");
    }

    @Test
    void aListHoldsOneValuePerProtocolAndSipCauseFindsTheSipOne() {
        List<Reason> rs = Reason.parseList("Q.850 ;cause=16 ;text=\"Terminated\", SIP;cause=487");
        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).cause()).isEqualTo(16);
        assertThat(Reason.sipCause(rs)).isEqualTo(487);
        assertThat(Reason.sipCause(List.of(rs.get(0)))).isEqualTo(-1);
        fails(() -> Reason.parseList("SIP;cause=200, SIP;cause=480"), "Bad Reason: two values for protocol");
    }

    @Test
    void buildsTheSipForm() {
        assertThat(Reason.sip(480, "Temporarily \"away\"")).hasToString("SIP;cause=480;text=\"Temporarily \\\"away\\\"\"");
        assertThat(Reason.parse(Reason.sip(480, "x").toString())).isEqualTo(Reason.sip(480, "x"));
    }

    @Test
    void namesItsFaults() {
        fails(() -> Reason.parse("SIP;cause=abc"), "Bad Reason: cause is not a number");
        fails(() -> Reason.parse("SIP;text=unquoted"), "Bad Reason: text is not a quoted string");
        fails(() -> Reason.parse(";cause=1"), "Bad Reason: expected a protocol");
        fails(() -> Reason.parse("SIP;text=\"open"), "Bad Reason: unterminated quoted string");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "399 example.com \"119 Anonymity not allowed\"     | 399 | example.com    | 119 Anonymity not allowed | 119",
        "399 cf.example.net \"127 Service not authorised\" | 399 | cf.example.net | 127 Service not authorised | 127",
        "403 SIP \"133 Size exceeded\"                     | 403 | SIP            | 133 Size exceeded | 133",
        "301 isi.edu:5060 \"Incompatible network address\" | 301 | isi.edu:5060   | Incompatible network address | -1",
    })
    void parsesTheOmaAndPlainForms(String wire, int code, String agent, String text, int oma) {
        Warning w = Warning.parse(wire.strip());
        assertThat(w.code()).isEqualTo(code);
        assertThat(w.agent()).isEqualTo(agent);
        assertThat(w.text()).isEqualTo(text);
        assertThat(w.omaCode()).isEqualTo(oma);
        assertThat(w).hasToString(wire.strip());
    }

    @Test
    void buildsTheOmaForm() {
        assertThat(Warning.oma("example.com", 119, "Anonymity not allowed"))
                .hasToString("399 example.com \"119 Anonymity not allowed\"");
    }

    @Test
    void warningHeaderNamesItsFaults() {
        fails(() -> Warning.parse("1812 overture \"In Progress\""), "Bad Warning: warn-code must be 3 digits");
        fails(() -> Warning.parse("399 example.com unquoted"), "Bad Warning: warn-text must be a quoted string");
        fails(() -> Warning.parse("399  \"x\""), "Bad Warning: missing warn-agent");
        assertThat(Warning.parseList("399 a \"1, 2\", 307 b \"x\"")).hasSize(2);
    }

    @Test
    void parsesValuesSeparatedBySemicolons() {
        Privacy p = Privacy.parse("id ; Header");
        assertThat(p.values()).containsExactly("id", "header");
        assertThat(p.requestsAnonymity()).isTrue();
        assertThat(p).hasToString("id;header");
        assertThat(Privacy.parse("none").isNone()).isTrue();
        assertThat(Privacy.parse("none").requestsAnonymity()).isFalse();
        assertThat(Privacy.parse("session;critical").has("critical")).isTrue();
    }

    @Test
    void privacyHeaderNamesItsFaults() {
        fails(() -> Privacy.parse("none;id"), "Bad Privacy: 'none' combined with other values");
        fails(() -> Privacy.parse("id;"), "Bad Privacy: empty priv-value");
        fails(() -> Privacy.parse("id, user"), "Bad Privacy: unexpected ','");
    }

    @Test
    void parsesSessionExpiresWithRefresher() {
        SessionExpires se = SessionExpires.parse("1800 ; refresher = uas");
        assertThat(se.deltaSeconds()).isEqualTo(1800);
        assertThat(se.refresher()).isEqualTo(SessionExpires.Refresher.UAS);
        assertThat(SessionExpires.parse("90").refresher()).isNull();
        assertThat(SessionExpires.of(1800, SessionExpires.Refresher.UAC)).hasToString("1800;refresher=uac");
        assertThat(SessionExpires.parse("1800").withRefresher(SessionExpires.Refresher.UAS)).hasToString("1800;refresher=uas");
        assertThat(SessionExpires.parse("99999999999999").deltaSeconds()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void parsesMinSe() {
        assertThat(MinSE.parse(" 90").deltaSeconds()).isEqualTo(90);
        assertThat(MinSE.of(120)).hasToString("120");
    }

    @Test
    void sessionTimersNamesItsFaults() {
        fails(() -> SessionExpires.parse("1800;refresher=both"), "Bad Session-Expires: refresher must be uac or uas");
        fails(() -> SessionExpires.parse("soon"), "Bad Session-Expires: expected delta-seconds");
        fails(() -> MinSE.parse("90 s"), "Bad Min-SE: unexpected 's'");
    }

    @Test
    void parsesAnAcceptContactWithIcsiRequireAndExplicit() {
        AcceptContact ac = AcceptContact.parse("*;+g.3gpp.icsi-ref=\"" + CPM_SESSION_ESCAPED + "\";require;explicit");
        assertThat(ac.require()).isTrue();
        assertThat(ac.explicit()).isTrue();
        assertThat(ac.featureTags().icsis()).containsExactly(CPM_SESSION);
        assertThat(ac.featureTags().has("require")).isFalse();
        assertThat(ac).hasToString("*;+g.3gpp.icsi-ref=\"" + CPM_SESSION_ESCAPED + "\";require;explicit");
    }

    @Test
    void buildsTheAcceptContactTheOriginatingSideSends() {
        AcceptContact ac = AcceptContact.of(FeatureTags.builder().flag("+g.oma.sip-im").icsi(CPM_SESSION).build(), true, true);
        assertThat(ac).hasToString("*;+g.oma.sip-im;+g.3gpp.icsi-ref=\"" + CPM_SESSION_ESCAPED + "\";require;explicit");
        assertThat(AcceptContact.parse(ac.toString())).isEqualTo(ac);
    }

    @Test
    void aRejectContactWithTheSendersInstanceExcludesOnlyThatDevice() {
        RejectContact rc = RejectContact.parse("*;+sip.instance=\"<urn:gsma:imei:35-209900-176148-1>\"");
        FeatureTags sender = FeatureTags.of(Address.parse(
                "<sip:alice@192.0.2.1:5062>;+sip.instance=\"<urn:gsma:imei:35-209900-176148-1>\";+g.oma.sip-im", "Contact"));
        FeatureTags other = FeatureTags.of(Address.parse(
                "<sip:alice@192.0.2.2>;+sip.instance=\"<urn:gsma:imei:35-209900-176148-2>\";+g.oma.sip-im", "Contact"));
        assertThat(rc.rejects(sender)).isTrue();
        assertThat(rc.rejects(other)).isFalse();
        assertThat(sender.instance()).isEqualTo("urn:gsma:imei:35-209900-176148-1");
    }

    @Test
    void listsSplitAtCommasOutsideQuotes() {
        List<AcceptContact> acs = AcceptContact.parseList("*;+g.3gpp.iari-ref=\"a,b\";explicit, *;audio");
        assertThat(acs).hasSize(2);
        assertThat(acs.get(0).featureTags().values("+g.3gpp.iari-ref")).containsExactly("a", "b");
        assertThat(RejectContact.parseList("*;video, *;automata")).hasSize(2);
    }

    @Test
    void callerPreferencesNamesItsFaults() {
        fails(() -> AcceptContact.parse("sip:a@b;audio"), "Bad Accept-Contact: value must start with '*'");
        fails(() -> RejectContact.parse("*;;audio"), "Bad Reject-Contact: empty parameter");
        fails(() -> AcceptContact.parse("*;+g.oma.sip-im=\"open"), "Bad Accept-Contact: unterminated quoted string");
    }

    @Test
    void requestDispositionTakesKnownDirectivesOnly() {
        RequestDisposition d = RequestDisposition.parse("no-fork, Sequential");
        assertThat(d.noFork()).isTrue();
        assertThat(d.has("sequential")).isTrue();
        assertThat(d).hasToString("no-fork, sequential");
        assertThat(RequestDisposition.of("proxy", "recurse").directives()).containsExactly("proxy", "recurse");
        fails(() -> RequestDisposition.parse("fork, no-fork"), "Bad Request-Disposition: both fork and no-fork");
        fails(() -> RequestDisposition.parse("teleport"), "Bad Request-Disposition: unknown directive 'teleport'");
        fails(() -> RequestDisposition.parse("proxy,"), "Bad Request-Disposition: empty directive");
    }

    private final FeatureTags focus = FeatureTags.of(Address.parse(
            "<sip:grp-42@cf.example.net>;isfocus;+g.3gpp.icsi-ref=\"" + CPM_SESSION_ESCAPED + "\"", "Contact"));

    @Test
    void readsTheFocusContactOfReferenceSection2() {
        assertThat(focus.isTrue(FeatureTags.ISFOCUS)).isTrue();
        assertThat(focus.hasIcsi(CPM_SESSION)).isTrue();
        assertThat(focus.hasIcsi(CPM_SESSION_ESCAPED)).isTrue();
        assertThat(focus.hasIcsi("URN:URN-7:3GPP-SERVICE.IMS.ICSI.OMA.CPM.SESSION")).isTrue();
        assertThat(focus.hasIcsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg")).isFalse();
    }

    @Test
    void keepsOnlyFeatureParameters() {
        FeatureTags t = FeatureTags.of(Address.parse("<sip:a@b>;expires=600;q=0.5;+g.oma.sip-im;audio;reg-id=1", "Contact"));
        assertThat(t).hasToString(";+g.oma.sip-im;audio");
    }

    @Test
    void matchesPredicatesAsRfc3841Asks() {
        FeatureTags caps = FeatureTags.of(Parameters.parse(new org.opencpm.sip.internal.grammar.Scanner(
                ";+g.oma.sip-im;+g.3gpp.iari-ref=\"urn%3Aurn-7%3A3gpp-application.ims.iari.rcs.fthttp,urn%3Aa\";methods=\"INVITE,MESSAGE\";video=FALSE", "t"), true));
        assertThat(caps.satisfies(FeatureTags.builder().flag("+g.oma.sip-im").build())).isTrue();
        assertThat(caps.satisfies(FeatureTags.builder().flag("isfocus").build())).isFalse();
        assertThat(caps.satisfies(FeatureTags.builder().iari("urn:urn-7:3gpp-application.ims.iari.rcs.fthttp").build())).isTrue();
        assertThat(caps.satisfies(FeatureTags.builder().iari("urn:other").build())).isFalse();
        assertThat(caps.satisfies(FeatureTags.builder().values("methods", "BYE", "message").build())).isTrue();
        assertThat(caps.satisfies(FeatureTags.builder().values("methods", "!INVITE").build())).isFalse();
        assertThat(caps.satisfies(FeatureTags.builder().values("methods", "!BYE").build())).isTrue();
        assertThat(caps.satisfies(FeatureTags.builder().flag("video").build())).isFalse();
        assertThat(caps.satisfies(FeatureTags.NONE)).isTrue();
    }

    @Test
    void encodesUrnsForTagValues() {
        assertThat(FeatureTags.encodeTagValue(CPM_SESSION)).isEqualTo(CPM_SESSION_ESCAPED);
        assertThat(FeatureTags.builder().icsi(CPM_SESSION, "urn:x:y").instance("urn:uuid:f81d4fae").build())
                .hasToString(";+g.3gpp.icsi-ref=\"" + CPM_SESSION_ESCAPED + ",urn%3Ax%3Ay\";+sip.instance=\"<urn:uuid:f81d4fae>\"");
    }

    @ParameterizedTest
    @CsvSource({"3b9e0c1d-51a8-4c55-9b02-6d5f0d1f2e77", "927d83c9902c362b08f2f2d731bdddb7", "1443517760826"})
    void acceptsTheValuesSeenInPractice(String v) {
        assertThat(ConversationId.parse(" " + v + " ").value()).isEqualTo(v);
        assertThat(ContributionId.parse(v)).hasToString(v);
        assertThat(InReplyToContributionId.parse(v).value()).isEqualTo(v);
    }

    @Test
    void compareCaseSensitively() {
        assertThat(ConversationId.parse("abc")).isNotEqualTo(ConversationId.parse("ABC"));
        assertThat(ContributionId.parse("abc")).isEqualTo(new ContributionId("abc"));
    }

    @Test
    void randomIdentifiersAre128BitsOfHex() {
        ConversationId a = ConversationId.random();
        assertThat(a.value()).matches("[0-9a-f]{32}");
        assertThat(ConversationId.random()).isNotEqualTo(a);
    }

    @Test
    void sessionReplacesCarriesAContributionId() {
        SessionReplaces sr = SessionReplaces.parse("7f3c-aa01");
        assertThat(sr.replaced()).isEqualTo(new ContributionId("7f3c-aa01"));
        assertThat(sr).hasToString("7f3c-aa01");
        assertThat(MessageUid.parse("4711").value()).isEqualTo("4711");
    }

    @Test
    void namesTheirFaults() {
        fails(() -> ConversationId.parse(""), "Bad Conversation-ID: empty");
        fails(() -> ContributionId.parse("a b"), "Bad Contribution-ID: illegal character");
        fails(() -> SessionReplaces.parse("x;y"), "Bad Session-Replaces: illegal character");
        fails(() -> InReplyToContributionId.parse("x".repeat(300)), "Bad InReplyTo-Contribution-ID: longer than 256");
        fails(() -> MessageUid.parse("<1>"), "Bad Message-UID: illegal character");
    }

    @Test
    void referredByKeepsTheAddressAndTheCid() {
        ReferredBy rb = ReferredBy.parse("<sip:referrer@referrer.example>;cid=\"20398823.2UWQFN309shb3@referrer.example\"");
        assertThat(rb.uri()).isEqualTo(SipUri.parse("sip:referrer@referrer.example"));
        assertThat(rb.cid()).isEqualTo("20398823.2UWQFN309shb3@referrer.example");
        assertThat(ReferredBy.parse("sip:alice@example.com").withCid("1@x"))
                .hasToString("<sip:alice@example.com>;cid=\"1@x\"");
        fails(() -> ReferredBy.parse("<sip:a@b>;cid=nope"), "Bad Referred-By: cid must be a quoted msg-id");
        fails(() -> ReferredBy.parse("<sip:a@b"), "Bad Referred-By: missing '>'");
    }

    @Test
    void pAssertedIdentityListsSipAndTelIdentities() {
        PAssertedIdentity pai = PAssertedIdentity.parse("\"Alice\" <sip:+15550001@ims.example.net;user=phone>, <tel:+15550001>");
        assertThat(pai.identities()).hasSize(2);
        assertThat(pai.sip().displayName()).isEqualTo("Alice");
        assertThat(((TelUri) pai.tel().uri()).digits()).isEqualTo("+15550001");
        assertThat(pai).hasToString("\"Alice\" <sip:+15550001@ims.example.net;user=phone>, <tel:+15550001>");
        fails(() -> PAssertedIdentity.parse("<sip:a@b>;tag=1"), "Bad P-Asserted-Identity: header parameters not allowed");
        fails(() -> PAssertedIdentity.parse(" , "), "Bad P-Asserted-Identity: empty");
    }

    @Test
    void eventHasAPackageTemplatesAndAnId() {
        Event e = Event.parse("presence.winfo ; id = 42");
        assertThat(e.eventPackage()).isEqualTo("presence");
        assertThat(e.id()).isEqualTo("42");
        assertThat(e.matches(Event.of("presence.winfo", "42"))).isTrue();
        assertThat(e.matches(Event.of("presence.winfo"))).isFalse();
        assertThat(Event.of("conference")).hasToString("conference");
        assertThat(Event.parse("deferred-messages").eventPackage()).isEqualTo("deferred-messages");
        fails(() -> Event.parse("presence..x"), "Bad Event: malformed event type");
        fails(() -> Event.parse(";id=1"), "Bad Event: expected an event type");
    }

    @Test
    void subscriptionStateReadsStateExpiresReasonAndRetryAfter() {
        SubscriptionState s = SubscriptionState.parse("Active;expires=600");
        assertThat(s.isActive()).isTrue();
        assertThat(s.expires()).isEqualTo(600);
        SubscriptionState t = SubscriptionState.parse("terminated;reason=timeout;retry-after=30");
        assertThat(t.isTerminated()).isTrue();
        assertThat(t.reason()).isEqualTo("timeout");
        assertThat(t.retryAfter()).isEqualTo(30);
        assertThat(SubscriptionState.parse("pending").expires()).isEqualTo(-1);
        assertThat(SubscriptionState.terminated("noresource")).hasToString("terminated;reason=noresource");
        assertThat(SubscriptionState.active(3600)).hasToString("active;expires=3600");
        fails(() -> SubscriptionState.parse("active;expires=soon"), "Bad Subscription-State: expires is not delta-seconds");
    }

    @Test
    void comparesTypeAndSubtypeIgnoringCaseButKeepsTheBoundary() {
        ContentType ct = ContentType.parse("Multipart/Mixed ; boundary=\"Ab:Cd\"");
        assertThat(ct.is("multipart", "mixed")).isTrue();
        assertThat(ct.is("multipart/MIXED")).isTrue();
        assertThat(ct.isMultipart()).isTrue();
        assertThat(ct.boundary()).isEqualTo("Ab:Cd");
        assertThat(ct.mediaType()).isEqualTo("multipart/mixed");
        assertThat(ContentType.parse("APPLICATION/SDP")).isEqualTo(ContentType.SDP);
        assertThat(ContentType.parse("text/plain;charset=UTF-8").charset()).isEqualTo("UTF-8");
        assertThat(ContentType.of("multipart", "related").withParam("type", "message/cpim").withParam("boundary", "b1"))
                .hasToString("multipart/related;type=\"message/cpim\";boundary=b1");
    }

    @Test
    void contentTypesNamesItsFaults() {
        fails(() -> ContentType.parse("application"), "Bad Content-Type: expected '/' after type");
        fails(() -> ContentType.parse("text/plain;charset"), "Bad Content-Type: parameter 'charset' without value");
        fails(() -> ContentType.parse("text/ plain x"), "Bad Content-Type: unexpected 'x'");
    }

    @Test
    void parseAndCompare() {
        OptionTags s = OptionTags.parse("timer, 100rel,norefersub , timer", "Supported");
        assertThat(s.tags()).containsExactly("timer", "100rel", "norefersub");
        assertThat(OptionTags.parse("", "Supported").isEmpty()).isTrue();
        assertThat(OptionTags.parse("nothingSupportsThis, timer", "Require").notIn(s).tags())
                .containsExactly("nothingSupportsThis");
        assertThat(s).hasToString("timer, 100rel, norefersub");
        fails(() -> OptionTags.parse("timer,", "Require"), "Bad Require: empty option-tag");
        fails(() -> OptionTags.parse("a b", "Supported"), "Bad Supported: unexpected 'b'");
    }

    @Test
    void readAllFieldsOfAMessage() {
        SipRequest r = SipRequest.builder("OPTIONS", SipUri.parse("sip:a@b"))
                .add("Supported", "timer").add("k", "norefersub, timer").add("Require", "recipient-list-invite").build();
        assertThat(OptionTags.of(r, "Supported").tags()).containsExactly("timer", "norefersub");
        assertThat(OptionTags.of(r, "Require").contains("recipient-list-invite")).isTrue();
        assertThat(r.headerAs("Require", v -> OptionTags.parse(v, "Require")).tags()).hasSize(1);
        assertThat(r.headerAs("Reason", Reason::parseList)).isNull();
    }
}
