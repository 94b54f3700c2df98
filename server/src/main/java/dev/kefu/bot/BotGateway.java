package dev.kefu.bot;

import dev.kefu.conversation.ChatService;
import dev.kefu.routing.Team;
import dev.kefu.routing.Teams;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether the bot takes a new conversation first: by the team's bot mode (or the workspace's), business
 * hours, and whether the model is available at all — with an open circuit breaker, new conversations skip the
 * bot instantly and go straight to the human queue.
 */
public final class BotGateway implements ChatService.BotGate {
    private final BotSettingsCache settings;
    private final Teams teams;
    private final Predicate<String> withinHours;
    private final GuardedModel model;

    /** @param withinHours whether a workspace is within its business hours now */
    public BotGateway(BotSettingsCache settings, Teams teams, Predicate<String> withinHours, GuardedModel model) {
        this.settings = settings;
        this.teams = teams;
        this.withinHours = withinHours;
        this.model = model;
    }

    @Override
    public boolean botFirst(String workspaceId, String teamId) {
        BotSettings s = settings.of(workspaceId);
        BotMode mode = Optional.ofNullable(teamId).flatMap(teams::find)
                .filter(t -> t.workspaceId().equals(workspaceId)).map(Team::botMode)
                .flatMap(BotMode::parse).orElse(s.botMode());
        boolean on = switch (mode) {
            case OFF -> false;
            case ALWAYS -> true;
            case OUTSIDE_HOURS -> !withinHours.test(workspaceId);
        };
        if (on && s.usesLlm()) {
            return settings.endpoint(workspaceId).map(model::available).orElse(false);
        }
        return on;
    }
}
