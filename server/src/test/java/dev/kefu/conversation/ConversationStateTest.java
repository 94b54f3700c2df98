package dev.kefu.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationStateTest {
    @Test
    void the_life_of_a_conversation_allows_only_its_moves() {
        assertThat(ConversationState.BOT.canMoveTo(ConversationState.QUEUED)).isTrue();
        assertThat(ConversationState.QUEUED.canMoveTo(ConversationState.OPEN)).isTrue();
        assertThat(ConversationState.OPEN.canMoveTo(ConversationState.RESOLVED)).isTrue();
        assertThat(ConversationState.RESOLVED.canMoveTo(ConversationState.QUEUED)).isTrue();
        assertThat(ConversationState.RESOLVED.canMoveTo(ConversationState.BOT)).isFalse();
        assertThat(ConversationState.QUEUED.canMoveTo(ConversationState.BOT)).isFalse();
        assertThat(ConversationState.OPEN.canMoveTo(ConversationState.OPEN)).isFalse();
        assertThat(ConversationState.parse("open")).contains(ConversationState.OPEN);
        assertThat(ConversationState.parse("OPEN")).isEmpty();
    }
}
