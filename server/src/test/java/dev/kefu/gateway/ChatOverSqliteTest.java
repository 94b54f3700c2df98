package dev.kefu.gateway;

import dev.kefu.support.TestServer;

class ChatOverSqliteTest extends ChatContract {
    @Override
    TestServer start() throws Exception {
        return TestServer.sqlite();
    }
}
