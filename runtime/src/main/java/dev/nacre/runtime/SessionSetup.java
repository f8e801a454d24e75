package dev.nacre.runtime;

import java.util.function.LongSupplier;

/** What a session needs from its host: where to journal, which model, which tools, and the clock. */
public record SessionSetup(Journal journal, ModelClient model, String modelName, Toolbox tools,
                           String systemPrompt, int maxTurns, LongSupplier clock) {

    public static SessionSetup of(Journal journal, ModelClient model, Toolbox tools, String systemPrompt) {
        return new SessionSetup(journal, model, model.defaultModel(), tools, systemPrompt, 90, System::currentTimeMillis);
    }

    public SessionSetup withMaxTurns(int turns) {
        return new SessionSetup(journal, model, modelName, tools, systemPrompt, turns, clock);
    }

    public SessionSetup withModelName(String name) {
        return new SessionSetup(journal, model, name, tools, systemPrompt, maxTurns, clock);
    }

    public SessionSetup withClock(LongSupplier c) {
        return new SessionSetup(journal, model, modelName, tools, systemPrompt, maxTurns, c);
    }
}
