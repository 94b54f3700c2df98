package dev.kefu.visitor;

import dev.kefu.support.Postgres;
import dev.kefu.support.TestServer;

class IdentityAndBlocksOverPostgresTest extends IdentityAndBlocksContract {
    @Override
    TestServer start() throws Exception {
        String url = Postgres.freshSchemaUrl();
        return TestServer.with(s -> s.withDb(url, "postgres", null).withTrustProxy(true));
    }
}
