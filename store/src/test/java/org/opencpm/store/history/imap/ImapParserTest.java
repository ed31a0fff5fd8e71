package org.opencpm.store.history.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response grammar the client relies on (RFC 3501 §9), on responses Dovecot 2.3 sends. */
class ImapParserTest {

    private static ImapParser parser(String s) {
        return new ImapParser(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void metadataWithALiteralValueAndNil() {
        ImapParser p = parser("* METADATA Default/c1/s1 (/shared/omna/omacpm20/sessioninfoobjectid {1}\r\n"
                + "1 /shared/omna/omacpm20/groupstateobjectid NIL)\r\n");
        assertThat(p.atom()).isEqualTo("*");
        assertThat(p.atom()).isEqualTo("METADATA");
        assertThat(p.string()).isEqualTo("Default/c1/s1");
        List<?> items = (List<?>) p.value();
        assertThat(items).hasSize(4);
        assertThat(ImapParser.asString(items.get(1))).isEqualTo("1");
        assertThat(items.get(3)).isNull();
        assertThat(p.atEnd()).isTrue();
    }

    @Test
    void fetchWithASectionAtomAndABodyLiteral() {
        ImapParser p = parser("* 1 FETCH (UID 7 FLAGS (\\Seen \\Recent) BODY[HEADER.FIELDS (IMDN-MESSAGE-ID)] {20}\r\n"
                + "IMDN-Message-ID: x\r\n)\r\n");
        p.atom();
        p.atom();
        p.atom();
        List<?> items = (List<?>) p.value();
        assertThat(items.get(0)).isEqualTo("UID");
        assertThat(items.get(3)).isEqualTo(List.of("\\Seen", "\\Recent"));
        assertThat(items.get(4)).isEqualTo("BODY[HEADER.FIELDS (IMDN-MESSAGE-ID)]");
        assertThat(ImapParser.asString(items.get(5))).isEqualTo("IMDN-Message-ID: x\r\n");
    }

    @Test
    void taggedResponseWithACodeAndText() {
        ImapParser p = parser("o3 OK [APPENDUID 1795317294 1] Append completed (0.007 + 0.000 secs).\r\n");
        assertThat(p.atom()).isEqualTo("o3");
        assertThat(p.atom()).isEqualTo("OK");
        assertThat(p.responseCode()).isEqualTo("APPENDUID 1795317294 1");
        assertThat(p.text()).startsWith("Append completed");
    }

    @Test
    void quotedStringsUnescape() {
        assertThat(parser("\"a \\\"b\\\" \\\\ c\"").string()).isEqualTo("a \"b\" \\ c");
    }

    @Test
    void malformedInputIsAProtocolErrorWithItsOffset() {
        assertThatThrownBy(() -> parser("(a b").value()).isInstanceOf(ImapProtocolException.class);
        assertThatThrownBy(() -> parser("{5}\r\nab").value()).isInstanceOf(ImapProtocolException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> parser("\"abc").value()).isInstanceOf(ImapProtocolException.class);
    }

    @Test
    void identifiersAreOneHierarchyLevel() {
        assertThat(ImapOperations.level("a/b*c%d~e.f", '/')).isEqualTo("a~2Fb~2Ac~25d~7Ee.f");
        assertThat(ImapOperations.level("a.b", '.')).isEqualTo("a~2Eb");
        assertThat(ImapOperations.unlevel("a~2Fb~2Ac~25d~7Ee.f")).isEqualTo("a/b*c%d~e.f");
    }

    @Test
    void mailboxNamesUseModifiedUtf7() {
        assertThat(MailboxNames.encode("Default/a&b")).isEqualTo("Default/a&-b");
        assertThat(MailboxNames.encode("Entwürfe")).isEqualTo("Entw&APw-rfe");
        assertThat(MailboxNames.decode("Entw&APw-rfe")).isEqualTo("Entwürfe");
        assertThat(MailboxNames.decode(MailboxNames.encode("日本語/ü&x"))).isEqualTo("日本語/ü&x");
    }
}
