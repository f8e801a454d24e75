package dev.nacre.web;

import dev.nacre.core.Agent;
import dev.nacre.core.AgentState;
import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import java.util.ArrayList;
import org.teavm.jso.JSExport;

/**
 * The browser entry point. {@link #handle} takes a journal's events as a JSON array, folds them
 * through {@link Agent#step} and answers with each step's effects and the resulting phase and
 * messages. Calling core this way makes all of it reachable, so TeaVM compiles (and checks) all of it.
 */
public final class CoreWeb {
    private CoreWeb() {}

    @JSExport
    public static String handle(String json) {
        try {
            return replay(json).print();
        } catch (JsonException | IllegalStateException e) {
            return Json.object().put("error", String.valueOf(e.getMessage())).build().print();
        }
    }

    static Json replay(String json) {
        if (!(Json.parse(json) instanceof Json.Arr(var items))) {
            throw new JsonException("expected a JSON array of events", 0);
        }
        AgentState state = AgentState.NEW;
        var steps = new ArrayList<Json>();
        for (Event event : EventCodec.decodeAll(items)) {
            var step = Agent.step(state, event);
            state = step.state();
            steps.add(Json.array(step.effects().stream().map(EffectJson::encode).toList()));
        }
        return Json.object()
                .put("phase", EffectJson.phase(state.phase()))
                .put("messages", Json.array(state.messages().stream().map(EventCodec::encodeMessage).toList()))
                .put("effects", Json.array(steps))
                .build();
    }
}
