package dev.kefu.gateway;

import dev.kefu.support.TestServer;

class ChatOverPostgresTest extends ChatContract {
    @Override
    TestServer start() throws Exception {
        return TestServer.postgresql();
    }
}
