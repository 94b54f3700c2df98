package dev.kefu.visitor;

import dev.kefu.support.TestServer;

class IdentityAndBlocksOverSqliteTest extends IdentityAndBlocksContract {
    @Override
    TestServer start() throws Exception {
        return TestServer.with(s -> s.withTrustProxy(true));
    }
}
