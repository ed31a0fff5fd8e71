package org.opencpm.store.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored-object formats against the examples of reference §6.2–§6.4 (fixtures in {@code history/}). */
class StoredObjectTest {

    private static final OffsetDateTime DATE = OffsetDateTime.of(2025, 6, 10, 9, 12, 44, 0, ZoneOffset.UTC);

    private static String fixture(String name) throws IOException {
        try (InputStream in = StoredObjectTest.class.getResourceAsStream("/history/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        }
    }

    private static StoredObject.Builder sessionHeaders() {
        // Set out of the table's order on purpose: the builder writes §6.2's order.
        return StoredObject.builder().direction(StoredObject.Direction.SENT).imdnMessageId("Xk29aQ0p")
                .contributionId("9d1e22b0-77aa-4a61-8f3c-0e2b31c4aa55")
                .conversationId("3b9e0c1d-51a8-4c55-9b02-6d5f0d1f2e77").subject("Weekend").date(DATE)
                .to("sip:Conference-Factory@ims.example.net").from("tel:+15550001");
    }

    private static SessionInfo sessionInfo(SessionInfo.Variant variant) {
        return new SessionInfo("Group", "o=- 3900000000 3900000000 IN IP4 cf.example.net",
                List.of("tel:+15550002", "tel:+15550003"), variant);
    }

    @Test
    void sessionInfoObjectIsWrittenAsInReference63() throws Exception {
        StoredObject o = sessionInfo(SessionInfo.Variant.BARE).toObject(sessionHeaders());
        assertThat(new String(o.toBytes(), StandardCharsets.UTF_8)).isEqualTo(fixture("session-info-bare.txt"));
    }

    @Test
    void sessionInfoObjectMultipartVariantWrapsTheSameDocument() throws Exception {
        StoredObject o = sessionInfo(SessionInfo.Variant.MULTIPART_RELATED).toObject(sessionHeaders());
        assertThat(new String(o.toBytes(), StandardCharsets.UTF_8)).isEqualTo(fixture("session-info-multipart.txt"));
        assertThat(o.mediaType()).isEqualTo("multipart/related");
    }

    @Test
    void groupStateObjectIsWrittenAsInReference64() throws Exception {
        GroupState gso = new GroupState(OffsetDateTime.of(2025, 6, 10, 9, 40, 2, 0, ZoneOffset.UTC),
                "sip:grp-42@cf.example.net", "Closed", List.of(new GroupState.Participant("Bob", "tel:+15550002"),
                new GroupState.Participant("Carol", "tel:+15550003")));
        assertThat(gso.xml()).isEqualTo(fixture("group-state.xml"));
        StoredObject o = gso.toObject(sessionHeaders());
        assertThat(o.header("content-type")).contains(GroupState.CONTENT_TYPE);
    }

    @Test
    void fileTransferHistoryObjectIsWrittenAsInReference66() throws Exception {
        StoredObject o = new FileTransferHistory("1-1", List.of("sip:bob@example.com"), List.of(
                new FileTransferHistory.FileObject("33333@example.com", List.of(
                        "a=file-selector:name:\"hello.txt\" type:text/plain size:5", "a=file-disposition:render"),
                        "text/plain", "hello".getBytes(StandardCharsets.UTF_8))))
                .toObject(StoredObject.builder().from("sip:alice@example.com").to("sip:bob@example.com").date(DATE)
                        .conversationId("a1b2c3d4").contributionId("e5f6a7b8").imdnMessageId("ft-1")
                        .direction(StoredObject.Direction.SENT));
        assertThat(new String(o.toBytes(), StandardCharsets.UTF_8)).isEqualTo(fixture("ft-history.txt"));
    }

    @Test
    void storedObjectsParseBackToTheSameHeadersAndBody() throws Exception {
        StoredObject o = sessionInfo(SessionInfo.Variant.BARE).toObject(sessionHeaders());
        StoredObject back = StoredObject.parse(o.toBytes());
        assertThat(back).isEqualTo(o);
        assertThat(back.imdnMessageId()).contains("Xk29aQ0p");
        assertThat(back.mediaType()).isEqualTo("application/x-cpm-session");
    }

    @Test
    void parsingToleratesBareLineFeedsAndFoldedHeaders() {
        StoredObject o = StoredObject.parse("From: a\nSubject: one\n two\n\nbody\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(o.header("subject")).contains("one two");
        assertThat(new String(o.body(), StandardCharsets.UTF_8)).isEqualTo("body\r\n");
    }

    @Test
    void theBuilderRefusesObjectsWithoutTheMandatoryHeaders() {
        assertThatThrownBy(() -> StoredObject.builder().from("sip:a@example.com").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("To");
        assertThatThrownBy(() -> StoredObject.builder().subject("a\r\nBcc: x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mailboxOwnerIsTheAddressWithoutSchemeOrParameters() {
        assertThat(Mailboxes.owner("sip:Alice@example.com")).isEqualTo("alice@example.com");
        assertThat(Mailboxes.owner("<sip:alice@example.com;transport=tcp>")).isEqualTo("alice@example.com");
        assertThat(Mailboxes.owner("tel:+15550001")).isEqualTo("+15550001");
        assertThat(Mailboxes.owner("alice@example.com")).isEqualTo("alice@example.com");
    }

    @Test
    void folderIdentifiersMayBeAnyTextButEmptyOrControlCharacters() {
        assertThat(HistoryFolder.session("a/b.c", "*%~").contributionId()).isEqualTo("*%~");
        assertThatThrownBy(() -> HistoryFolder.session("a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryFolder.conversation("a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HistoryFolder.session("c", "s").path('.')).isEqualTo("c.s");
    }
}
