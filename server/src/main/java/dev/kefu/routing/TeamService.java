package dev.kefu.routing;

import dev.kefu.agent.Agent;
import dev.kefu.agent.Agents;
import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Teams: every agent reads them, admins manage them. Blocking. */
public final class TeamService {
    public static final int MAX_TEAMS = 100;

    private final Teams teams;
    private final Agents agents;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public TeamService(Teams teams, Agents agents, Dispatcher dispatcher, Clock clock) {
        this.teams = teams;
        this.agents = agents;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public List<Team> list(Caller.Agent caller) {
        return teams.inWorkspace(caller.workspaceId());
    }

    /** What a visitor may choose from in the pre-chat form. */
    public List<Team> selectable(String workspaceId) {
        return teams.inWorkspace(workspaceId).stream().filter(Team::selectable).toList();
    }

    /** A change to a team; a null field keeps the current value ({@code clearPolicy} sets it back to the workspace's). */
    public record Change(String name, String policy, boolean clearPolicy, Boolean selectable, List<String> memberIds,
                         String botMode, boolean clearBotMode) {
    }

    public Team create(Caller.Agent caller, Change change) {
        caller.requireAdmin();
        if (teams.inWorkspace(caller.workspaceId()).size() >= MAX_TEAMS) {
            throw KefuException.invalid("a workspace has at most " + MAX_TEAMS + " teams");
        }
        Team team = apply(caller, new Team(Ids.next(), caller.workspaceId(), null, null, true, List.of(),
                clock.millis(), null), change);
        teams.create(team);
        dispatcher.kick(caller.workspaceId());
        return team;
    }

    public Team update(Caller.Agent caller, String id, Change change) {
        caller.requireAdmin();
        Team team = apply(caller, find(caller, id), change);
        teams.update(team);
        dispatcher.kick(caller.workspaceId());
        return team;
    }

    /** Its waiting conversations fall back to the workspace's queue. */
    public void delete(Caller.Agent caller, String id) {
        caller.requireAdmin();
        teams.delete(find(caller, id).id());
        dispatcher.kick(caller.workspaceId());
    }

    private Team find(Caller.Agent caller, String id) {
        return (Ids.looksValid(id) ? teams.find(id) : java.util.Optional.<Team>empty())
                .filter(t -> t.workspaceId().equals(caller.workspaceId()))
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such team"));
    }

    private Team apply(Caller.Agent caller, Team t, Change c) {
        String name = c.name() != null ? c.name().strip() : t.name();
        if (name == null || name.isEmpty() || name.length() > 80) {
            throw KefuException.invalid("name must have 1 to 80 characters");
        }
        RoutingPolicy policy = t.policy();
        if (c.clearPolicy()) {
            policy = null;
        } else if (c.policy() != null) {
            policy = RoutingPolicy.parse(c.policy()).orElseThrow(() -> KefuException.invalid(
                    "policy must be one of manual, round_robin, least_busy, sticky (or null for the workspace's)"));
        }
        List<String> members = t.memberIds();
        if (c.memberIds() != null) {
            Set<String> ids = new LinkedHashSet<>(c.memberIds());
            Set<String> ofWorkspace = agents.inWorkspace(caller.workspaceId()).stream().map(Agent::id)
                    .collect(Collectors.toSet());
            for (String id : ids) {
                if (!ofWorkspace.contains(id)) {
                    throw KefuException.invalid("memberIds must be agents of this workspace");
                }
            }
            members = List.copyOf(ids);
        }
        String botMode = c.clearBotMode() ? null : c.botMode() != null ? c.botMode() : t.botMode();
        if (botMode != null && !Team.BOT_MODES.contains(botMode)) {
            throw KefuException.invalid("botMode must be off, always or outside_hours (or null for the workspace's)");
        }
        return new Team(t.id(), t.workspaceId(), name, policy, c.selectable() != null ? c.selectable() : t.selectable(),
                members, t.createdAt(), botMode);
    }
}
