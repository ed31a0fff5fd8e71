package org.opencpm.client;

/** The same scenarios with the PF in proxy mode: the SDP passes end to end and the clients connect MSRP to each other. */
class ChatThroughProxyModeTest extends ChatThroughServerTest {

    @Override
    String serverConfig() {
        return "participating-function:\n  mode: proxy\n";
    }
}
