package org.opencpm.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A SIP URI writes itself as parsed when that is already its normal form, and normalizes otherwise. */
class SipUriTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:alice@example.com                              | sip:alice@example.com",
        "sip:+1555@ims.example.net:5060;user=phone;lr      | sip:+1555@ims.example.net:5060;user=phone;lr",
        "SIP:Alice@Example.com                              | sip:Alice@Example.com",
        "Sips:bob@example.com:05061                         | sips:bob@example.com:5061",
        "sip:bob@example.com:0                              | sip:bob@example.com:0",
        "sip:bob@example.com:007                            | sip:bob@example.com:7",
        "sip:[2001:db8::1]:5070;transport=tcp?Route=%3Csip:x%3E | sip:[2001:db8::1]:5070;transport=tcp?Route=%3Csip:x%3E",
    })
    void writesItsNormalForm(String in, String out) {
        SipUri u = SipUri.parse(in);
        assertThat(u.toString()).isEqualTo(out);
        assertThat(SipUri.parse(out)).isEqualTo(u);
        assertThat(u.withParam("x-new", null).toString()).contains(";x-new").isNotEqualTo(out);
    }
}
