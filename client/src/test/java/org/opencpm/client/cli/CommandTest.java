package org.opencpm.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void parsesEachCommand() {
        assertThat(Command.parse("/chat sip:bob@example.com")).isEqualTo(new Command.Chat("sip:bob@example.com"));
        assertThat(Command.parse("/send hello  world ")).isEqualTo(new Command.Send("hello  world"));
        assertThat(Command.parse("/sendmsg sip:bob@example.com hi there"))
                .isEqualTo(new Command.SendMessage("sip:bob@example.com", "hi there"));
        assertThat(Command.parse("/group sip:bob@example.com  sip:carol@example.com"))
                .isEqualTo(new Command.Group(List.of("sip:bob@example.com", "sip:carol@example.com")));
        assertThat(Command.parse("/leave")).isEqualTo(new Command.Leave());
        assertThat(Command.parse("/quit")).isEqualTo(new Command.Quit());
    }

    @Test
    void plainTextIsSentToTheCurrentChatAndBlankLinesAreIgnored() {
        assertThat(Command.parse("just text")).isEqualTo(new Command.Send("just text"));
        assertThat(Command.parse("   ")).isEqualTo(new Command.Nothing());
    }

    @Test
    void badCommandsSayWhy() {
        assertThat(Command.parse("/chat")).isEqualTo(new Command.Invalid("usage: /chat URI"));
        assertThat(Command.parse("/send")).isEqualTo(new Command.Invalid("usage: /send TEXT"));
        assertThat(Command.parse("/sendmsg sip:bob@example.com")).isEqualTo(new Command.Invalid("usage: /sendmsg URI TEXT"));
        assertThat(Command.parse("/group")).isEqualTo(new Command.Invalid("usage: /group URI URI..."));
        assertThat(Command.parse("/dance")).isInstanceOf(Command.Invalid.class);
    }
}
