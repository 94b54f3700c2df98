package dev.kefu.knowledge;

import dev.kefu.support.TestServer;

class KnowledgeOverPostgresTest extends KnowledgeContract {
    @Override
    TestServer start() throws Exception {
        return TestServer.postgresql();
    }
}
