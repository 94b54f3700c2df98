package dev.kefu.knowledge;

import dev.kefu.support.TestServer;

class KnowledgeOverSqliteTest extends KnowledgeContract {
    @Override
    TestServer start() throws Exception {
        return TestServer.sqlite();
    }
}
