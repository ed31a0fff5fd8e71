package org.opencpm.store.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MessageStore} passes, whatever holds the data: the embedded store here
 * ({@code EmbeddedMessageStoreTest}) and Dovecot over IMAP in the {@code it} module. Each test uses
 * fresh Conversation-IDs (and, where it matters, a fresh user), so one store may serve the whole class.
 */
public abstract class MessageStoreContract {

    protected static final String ALICE = "sip:alice@example.com";
    protected static final OffsetDateTime DATE = OffsetDateTime.of(2025, 6, 10, 9, 12, 44, 0, ZoneOffset.UTC);

    /** The store under test, the same for every test of a class. */
    protected abstract MessageStore store();

    protected static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    protected static StoredObject chat(HistoryFolder folder, String messageId, String text) {
        StoredObject.Builder b = StoredObject.builder().from(ALICE).to("sip:bob@example.com").date(DATE)
                .conversationId(folder.conversationId()).imdnMessageId(messageId)
                .direction(StoredObject.Direction.SENT).contentType(StoredObject.MESSAGE_CPIM)
                .body("From: <sip:alice@example.com>\r\nTo: <sip:bob@example.com>\r\n"
                        + "DateTime: 2025-06-10T09:12:44Z\r\nNS: imdn <urn:ietf:params:imdn>\r\n"
                        + "imdn.Message-ID: " + messageId + "\r\n\r\n"
                        + "Content-Type: text/plain;charset=UTF-8\r\n\r\n" + text);
        if (folder.isSession()) {
            b.contributionId(folder.contributionId());
        }
        return b.build();
    }

    protected static StoredObject sessionInfo(HistoryFolder folder) {
        return new SessionInfo("1-1", "o=- 3900000000 3900000000 IN IP4 pf.example.com", List.of("sip:bob@example.com"),
                SessionInfo.Variant.BARE).toObject(StoredObject.builder().from(ALICE).to("sip:bob@example.com")
                .date(DATE).conversationId(folder.conversationId()).contributionId(folder.contributionId())
                .imdnMessageId(newId()).direction(StoredObject.Direction.SENT));
    }

    protected static StoredObject groupState(HistoryFolder folder, String... participants) {
        return new GroupState(DATE, "sip:grp-42@cf.example.com", "Closed",
                java.util.Arrays.stream(participants).map(p -> new GroupState.Participant(null, p)).toList())
                .toObject(StoredObject.builder().from(ALICE).to("sip:grp-42@cf.example.com").date(DATE)
                        .conversationId(folder.conversationId()).contributionId(folder.contributionId())
                        .imdnMessageId(newId()));
    }

    @Test
    void creatingASessionFolderCreatesItsConversationFolderToo() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        FolderStatus status = await(store().createFolder(ALICE, session));
        assertThat(status.folder()).isEqualTo(session);
        assertThat(status.uidValidity()).isPositive();
        assertThat(status.messages()).isZero();
        assertThat(await(store().listFolders(ALICE))).contains(session.conversationFolder(), session);
        assertThat(await(store().createFolder(ALICE, session)).uidValidity())
                .as("creating it again changes nothing").isEqualTo(status.uidValidity());
        assertThat(await(store().status(ALICE, HistoryFolder.conversation(newId())))).isEmpty();
    }

    @Test
    void appendCreatesTheFolderAndReturnsStrictlyGrowingUids() throws Exception {
        HistoryFolder conversation = HistoryFolder.conversation(newId());
        MessageUid a = await(store().append(ALICE, conversation, chat(conversation, newId(), "one"), Set.of()));
        MessageUid b = await(store().append(ALICE, conversation, chat(conversation, newId(), "two"), Set.of()));
        MessageUid c = await(store().append(ALICE, conversation, chat(conversation, newId(), "three"), Set.of()));
        assertThat(List.of(a.uid(), b.uid(), c.uid())).isSorted().doesNotHaveDuplicates();
        assertThat(List.of(b.uidValidity(), c.uidValidity())).containsOnly(a.uidValidity());
        FolderStatus status = await(store().status(ALICE, conversation)).orElseThrow();
        assertThat(status.uidValidity()).isEqualTo(a.uidValidity());
        assertThat(status.messages()).isEqualTo(3);
        assertThat(status.uidNext()).isGreaterThan(c.uid());
    }

    @Test
    void objectsReadBackAsTheyWereStoredInUidOrder() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        StoredObject first = chat(session, newId(), "hello");
        StoredObject second = chat(session, newId(), "héllo again");
        MessageUid u1 = await(store().append(ALICE, session, first, Set.of(Flags.SEEN)));
        MessageUid u2 = await(store().append(ALICE, session, second, Set.of()));
        List<StoredEntry> entries = await(store().fetch(ALICE, session));
        assertThat(entries).extracting(StoredEntry::uid).containsExactly(u1.uid(), u2.uid());
        assertThat(entries.get(0).object()).isEqualTo(first);
        assertThat(entries.get(1).object()).isEqualTo(second);
        assertThat(entries.get(0).flags()).containsExactly(Flags.SEEN);
        assertThat(entries.get(1).flags()).isEmpty();
        assertThat(await(store().fetch(ALICE, HistoryFolder.conversation(newId())))).isEmpty();
    }

    @Test
    void appendingAnObjectAgainReturnsTheUidItAlreadyHas() throws Exception {
        HistoryFolder conversation = HistoryFolder.conversation(newId());
        StoredObject message = chat(conversation, newId(), "once");
        MessageUid first = await(store().append(ALICE, conversation, message, Set.of()));
        MessageUid again = await(store().append(ALICE, conversation, message, Set.of()));
        assertThat(again).isEqualTo(first);
        assertThat(await(store().fetch(ALICE, conversation))).hasSize(1);
    }

    @Test
    @DisplayName("PF-O-INV-19 the Session Info object's UID is in SessionInfoObjectID")
    void sessionInfoUidIsInTheFolderMetadata() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        MessageUid uid = await(store().storeSessionInfo(ALICE, session, sessionInfo(session)));
        assertThat(await(store().getMetadata(ALICE, session, MessageStore.SESSION_INFO_OBJECT_ID)))
                .contains(uid.value());
        assertThat(await(store().getMetadata(ALICE, session, "/shared/omna/omacpm20/sessioninfoobjectid")))
                .as("RFC 5464 entry names are case-insensitive").contains(uid.value());
        assertThat(await(store().fetch(ALICE, session))).singleElement()
                .satisfies(e -> assertThat(e.object().mediaType()).isEqualTo("application/x-cpm-session"));
    }

    @Test
    @DisplayName("PF-O-TMR-02 PF-O-PIN-03 each Group State snapshot is kept and GroupStateObjectID names the newest")
    void groupStateSnapshotsAreKeptAndTheMetadataNamesTheNewest() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        await(store().storeSessionInfo(ALICE, session, sessionInfo(session)));
        MessageUid first = await(store().storeGroupState(ALICE, session, groupState(session, "sip:bob@example.com")));
        MessageUid second = await(store().storeGroupState(ALICE, session, groupState(session, "sip:carol@example.com")));
        assertThat(second.uid()).isGreaterThan(first.uid());
        assertThat(await(store().getMetadata(ALICE, session, MessageStore.GROUP_STATE_OBJECT_ID)))
                .contains(second.value());
        assertThat(await(store().fetch(ALICE, session))).hasSize(3);
    }

    @Test
    void metadataCanBeSetReplacedAndRemoved() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        await(store().createFolder(ALICE, session));
        String entry = "/private/comment";
        assertThat(await(store().getMetadata(ALICE, session, entry))).isEmpty();
        await(store().setMetadata(ALICE, session, entry, "one"));
        await(store().setMetadata(ALICE, session, entry, "two"));
        assertThat(await(store().getMetadata(ALICE, session, entry))).contains("two");
        await(store().setMetadata(ALICE, session, entry, null));
        assertThat(await(store().getMetadata(ALICE, session, entry))).isEmpty();
    }

    @Test
    void metadataOfAMissingFolderIsAnError() {
        HistoryFolder missing = HistoryFolder.conversation(newId());
        assertThatThrownBy(() -> await(store().setMetadata(ALICE, missing, "/private/comment", "x")))
                .isInstanceOf(FolderNotFoundException.class);
    }

    @Test
    void flagsCanBeAddedAndRemoved() throws Exception {
        HistoryFolder conversation = HistoryFolder.conversation(newId());
        MessageUid uid = await(store().append(ALICE, conversation, chat(conversation, newId(), "x"), Set.of()));
        await(store().addFlags(ALICE, conversation, uid.uid(), Set.of(Flags.SEEN, Flags.MDN_SENT)));
        assertThat(await(store().fetch(ALICE, conversation)).get(0).flags())
                .containsExactlyInAnyOrder(Flags.SEEN, Flags.MDN_SENT);
        await(store().removeFlags(ALICE, conversation, uid.uid(), Set.of(Flags.SEEN)));
        assertThat(await(store().fetch(ALICE, conversation)).get(0).flags()).containsExactly(Flags.MDN_SENT);
        await(store().addFlags(ALICE, conversation, uid.uid() + 100, Set.of(Flags.SEEN)));
    }

    @Test
    @DisplayName("PF-IMDN-O-03 a read report sets \\Seen on the message found by its Message-ID")
    void aMessageIsFoundByItsMessageIdAndMarkedSeen() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        String messageId = newId();
        await(store().append(ALICE, session, chat(session, newId(), "other"), Set.of()));
        MessageUid uid = await(store().append(ALICE, session, chat(session, messageId, "read me"), Set.of()));
        assertThat(await(store().findByMessageId(ALICE, messageId)))
                .contains(new ObjectLocation(session, uid));
        assertThat(await(store().markSeen(ALICE, messageId))).isTrue();
        assertThat(await(store().fetch(ALICE, session)).get(1).flags()).containsExactly(Flags.SEEN);
        assertThat(await(store().findByMessageId(ALICE, newId()))).isEmpty();
        assertThat(await(store().markSeen(ALICE, newId()))).isFalse();
    }

    @Test
    @DisplayName("PF-IMDN-TD-06 a disposition notification goes into the folder of the original message")
    void aNotificationIsStoredBesideItsOriginal() throws Exception {
        HistoryFolder conversation = HistoryFolder.conversation(newId());
        String original = newId();
        await(store().append(ALICE, conversation, chat(conversation, original, "standalone"), Set.of(Flags.SEEN)));
        StoredObject imdn = StoredObject.builder().from("sip:bob@example.com").to(ALICE).date(DATE)
                .conversationId(conversation.conversationId()).imdnMessageId(newId())
                .direction(StoredObject.Direction.RECEIVED).contentType(StoredObject.MESSAGE_CPIM)
                .body("Content-Type: message/imdn+xml\r\n\r\n<imdn/>").build();
        Optional<ObjectLocation> stored = await(store().appendNextToOriginal(ALICE, original, imdn));
        assertThat(stored).hasValueSatisfying(l -> assertThat(l.folder()).isEqualTo(conversation));
        assertThat(await(store().fetch(ALICE, conversation))).hasSize(2);
        assertThat(await(store().appendNextToOriginal(ALICE, newId(), imdn))).isEmpty();
    }

    @Test
    void identifiersWithHierarchyAndWildcardCharactersAreStillOneFolder() throws Exception {
        HistoryFolder session = HistoryFolder.session("conv/" + newId() + ".x", "c*%~7E." + newId());
        await(store().append(ALICE, session, chat(session, newId(), "odd ids"), Set.of()));
        assertThat(await(store().listFolders(ALICE))).contains(session.conversationFolder(), session);
        assertThat(await(store().fetch(ALICE, session))).hasSize(1);
    }

    @Test
    void eachUserHasTheirOwnMailboxWhateverTheAddressSpelling() throws Exception {
        String user = "sip:u" + newId().substring(0, 8) + "@example.com";
        HistoryFolder conversation = HistoryFolder.conversation(newId());
        await(store().append(user, conversation, chat(conversation, newId(), "mine"), Set.of()));
        assertThat(await(store().listFolders(user.substring(4)))).containsExactly(conversation);
        assertThat(await(store().listFolders("sip:v" + newId().substring(0, 8) + "@example.com"))).isEmpty();
        assertThat(await(store().listFolders(ALICE))).doesNotContain(conversation);
    }
}
