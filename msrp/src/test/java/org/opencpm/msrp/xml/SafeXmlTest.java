package org.opencpm.msrp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.msrp.xml.XmlBodyException.Reason;

class SafeXmlTest {

    private static final String NS = "urn:example:test";

    @Test
    void theBillionLaughsDocumentIsRefusedAtItsDoctypeWithoutExpandingAnything() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append(" <!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">\n");
        }
        doc.append("]>\n<root xmlns=\"" + NS + "\">&lol9;</root>");

        assertThat(reasonFor(doc.toString(), SafeXml.defaults())).isEqualTo(Reason.DOCTYPE_FORBIDDEN);
    }

    @Test
    void anExternalEntityNamingALocalFileIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE root [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<root xmlns=\"" + NS + "\">&xxe;</root>";

        Throwable thrown = catchThrowable(() -> walk(doc, SafeXml.defaults()));

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(Reason.DOCTYPE_FORBIDDEN);
        assertThat(thrown).hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void anExternalDtdIsRefusedWithoutFetchingIt(@TempDir Path dir) throws Exception {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY x \"expanded\">");
        String doc = "<!DOCTYPE root SYSTEM \"" + dtd.toUri() + "\"><root xmlns=\"" + NS + "\">&x;</root>";

        assertThat(reasonFor(doc, SafeXml.defaults())).isEqualTo(Reason.DOCTYPE_FORBIDDEN);
    }

    @Test
    void anUndeclaredEntityReferenceWithoutDoctypeIsRefused() {
        assertThat(reasonFor("<root xmlns=\"" + NS + "\">&nbsp;</root>", SafeXml.defaults()))
                .isEqualTo(Reason.ENTITY_FORBIDDEN);
    }

    @Test
    void thePredefinedEntitiesAndCharacterReferencesAreRead() throws Exception {
        String text = rootText("<root xmlns=\"" + NS + "\">a &amp; b &lt;c&gt; &#233;</root>");

        assertThat(text).isEqualTo("a & b <c> é");
    }

    @Test
    void elementsNestedDeeperThanTheLimitAreRefused() {
        String doc = "<root xmlns=\"" + NS + "\">" + "<a>".repeat(40) + "</a>".repeat(40) + "</root>";

        assertThat(reasonFor(doc, SafeXml.defaults())).isEqualTo(Reason.TOO_DEEP);
        assertThat(reasonFor("<root xmlns=\"" + NS + "\"><a><b/></a></root>", new SafeXml(1024, 2)))
                .isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void aDocumentLongerThanTheLimitIsRefusedBeforeParsing() {
        String doc = "<root xmlns=\"" + NS + "\">" + "x".repeat(70_000) + "</root>";

        assertThat(reasonFor(doc, SafeXml.defaults())).isEqualTo(Reason.TOO_LARGE);
        assertThat(SafeXml.defaults().maxDocumentBytes()).isEqualTo(65_536);
        assertThat(SafeXml.defaults().maxDepth()).isEqualTo(32);
    }

    @Test
    void limitsBelowOneAreAProgrammingError() {
        assertThatThrownBy(() -> new SafeXml(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SafeXml(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedXmlIsRefusedAsMalformed() {
        assertThat(reasonFor("<root xmlns=\"" + NS + "\"><a></root>", SafeXml.defaults())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonFor("", SafeXml.defaults())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonFor("not xml", SafeXml.defaults())).isEqualTo(Reason.MALFORMED);
        assertThat(reasonFor("<root xmlns=\"" + NS + "\"/><second/>", SafeXml.defaults())).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsMalformed() {
        byte[] doc = {'<', 'r', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'r', '>'};

        Throwable thrown = catchThrowable(() -> {
            XmlReader xml = SafeXml.defaults().reader(doc);
            xml.requireRoot("", "r");
            xml.text();
        });

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aDocumentDeclaringAnotherEncodingIsDecodedInThatEncoding() throws Exception {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root xmlns=\"" + NS + "\">\u00e9</root>")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = ("<root xmlns=\"" + NS + "\">\u00e9</root>").getBytes(StandardCharsets.UTF_16);

        assertThat(rootText(latin1)).isEqualTo("\u00e9");
        assertThat(rootText(utf16)).isEqualTo("\u00e9");
        assertThat(rootText(("\ufeff<root xmlns=\"" + NS + "\">x</root>").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("x");
    }

    @Test
    void theWrongRootElementIsRefusedWithItsName() {
        Throwable thrown = catchThrowable(() -> walk("<other xmlns=\"" + NS + "\"/>", SafeXml.defaults()));

        assertThat(thrown).isInstanceOf(XmlBodyException.class).hasMessageContaining("other");
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(Reason.UNEXPECTED_ELEMENT);
    }

    @Test
    void theWriterEscapesTextAndAttributesSoTheReaderGetsThemBack() throws Exception {
        byte[] doc = new XmlWriter().start("root").attribute("xmlns", NS).attribute("a", "x\"<&>\ty")
                .element("t", "a & b <c> \"d\"").end().toBytes();

        XmlReader xml = SafeXml.defaults().reader(doc);
        xml.requireRoot(NS, "root");
        assertThat(xml.attribute("a")).contains("x\"<&>\ty");
        assertThat(xml.nextChild()).isTrue();
        assertThat(xml.text()).isEqualTo("a & b <c> \"d\"");
        assertThat(xml.nextChild()).isFalse();
        xml.requireEndOfDocument();
    }

    @Test
    void theWriterRefusesCharactersXmlCannotCarry() {
        assertThatThrownBy(() -> new XmlWriter().element("t", "a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Reason reasonFor(String doc, SafeXml safeXml) {
        Throwable thrown = catchThrowable(() -> walk(doc, safeXml));
        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        return ((XmlBodyException) thrown).reason();
    }

    /** Walks the whole document, as a codec would, so that every check runs. */
    private static void walk(String doc, SafeXml safeXml) throws XmlBodyException {
        XmlReader xml = safeXml.reader(doc.getBytes(StandardCharsets.UTF_8));
        xml.requireRoot(NS, "root");
        while (xml.nextChild()) {
            xml.skipElement();
        }
        xml.requireEndOfDocument();
    }

    private static String rootText(String doc) throws XmlBodyException {
        return rootText(doc.getBytes(StandardCharsets.UTF_8));
    }

    private static String rootText(byte[] doc) throws XmlBodyException {
        XmlReader xml = SafeXml.defaults().reader(doc);
        xml.requireRoot(NS, "root");
        return xml.text();
    }
}
