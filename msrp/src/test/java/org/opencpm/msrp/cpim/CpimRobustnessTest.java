package org.opencpm.msrp.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.msrp.xml.Mutations;
import org.opencpm.msrp.xml.XmlBodyException;

/**
 * Every truncation and 3000 seeded mutations of each vector: the parser and every accessor either
 * succeed or throw {@link CpimParseException}; whatever parses also serializes and parses back.
 */
class CpimRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"rfc3862-example.txt", "rfc5438-request.txt", "rfc5438-delivery-notification.txt",
        "rcs-group-chat-base64.txt", "rcs-one-to-one-lf-only.txt", "other-imdn-prefix.txt"})
    void mutatedBodiesNeverEscapeAsAnotherException(String vector) {
        List<byte[]> inputs = Mutations.of(bytes("cpim/" + vector), vector.hashCode(), 3000);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            Throwable thrown = catchThrowable(() -> exercise(input));
            if (thrown != null) {
                assertThat(thrown).as("%s case %d", vector, i)
                        .isInstanceOfAny(CpimParseException.class, XmlBodyException.class);
            }
        }
    }

    private static void exercise(byte[] input) throws CpimParseException, XmlBodyException {
        CpimMessage m = CpimMessage.parse(input);
        m.from();
        m.to();
        m.cc();
        m.dateTime();
        m.subjects();
        m.require();
        m.imdnMessageId();
        m.dispositionNotification();
        m.mediaType();
        assertThat(CpimMessage.parse(m.toBytes())).isEqualTo(m);
        m.contentAsText();
        if (ImdnMessages.isNotification(m)) {
            ImdnMessages.documents(m);
        }
    }
}
