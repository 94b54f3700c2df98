package dev.kefu.store;

import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.support.Postgres;

class PostgresStoreTest extends StoreContract {
    @Override
    Database open(InProcessEventBus<ConversationEvent> bus) throws Exception {
        return Database.postgresql(Postgres.freshSchemaUrl(), "postgres", null, bus);
    }
}
