package org.opencpm.msrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Building requests and responses: header order, defaults and the addressing of responses. */
class MsrpRequestTest {

    private static final MsrpUri A = MsrpUri.parse("msrp://a.example.com:1/a1;tcp");
    private static final MsrpUri RELAY = MsrpUri.parse("msrp://relay.example.net:2/r1;tcp");
    private static final MsrpUri B = MsrpUri.parse("msrp://b.example.com:3/b1;tcp");

    @Test
    void pathsComeFirstAndContentTypeLastWhateverTheOrderTheyWereSetIn() {
        MsrpRequest r = MsrpRequest.builder(MsrpRequest.SEND).transactionId("abcd1234").body("text/plain", new byte[1])
                .messageId("m").fromPath(List.of(A)).toPath(List.of(B)).byteRange(ByteRange.whole(1)).build();

        assertThat(r.headers().fields()).extracting(MsrpHeaders.Field::name)
                .containsExactly("To-Path", "From-Path", "Message-ID", "Byte-Range", "Content-Type");
    }

    @Test
    void reportHeadersDefaultAsRfc4975Says() {
        MsrpRequest send = MsrpRequest.builder(MsrpRequest.SEND).transactionId("abcd1234").toPath(List.of(B))
                .fromPath(List.of(A)).messageId("m").build();

        assertThat(send.successReport()).isFalse();
        assertThat(send.failureReport()).isEqualTo(FailureReport.YES);
        assertThat(send.byteRange()).isEqualTo(ByteRange.whole(0));
    }

    @Test
    void aResponseGoesToThePreviousHopFromThisHop() {
        MsrpRequest viaRelay = MsrpRequest.builder(MsrpRequest.SEND).transactionId("abcd1234").toPath(List.of(B))
                .fromPath(List.of(RELAY, A)).messageId("m").build();

        MsrpResponse r = viaRelay.createResponse(200, null);

        assertThat(r.toPath()).containsExactly(RELAY);
        assertThat(r.fromPath()).containsExactly(B);
        assertThat(r.comment()).isEqualTo("OK");
    }

    @Test
    void badTransactionIdsMethodsAndHeaderValuesAreRefused() {
        assertThatThrownBy(() -> MsrpRequest.builder(MsrpRequest.SEND).transactionId("abc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpRequest.builder("SE ND")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpRequest.builder(MsrpRequest.SEND).header("X-Evil", "a\r\nTo-Path: x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
