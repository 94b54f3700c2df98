package dev.kefu.store;

import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.InProcessEventBus;
import java.nio.file.Files;

class SqliteStoreTest extends StoreContract {
    @Override
    Database open(InProcessEventBus<ConversationEvent> bus) throws Exception {
        return Database.sqlite(Files.createTempDirectory("kefu-store"), bus);
    }
}
