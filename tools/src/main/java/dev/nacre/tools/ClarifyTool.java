package dev.nacre.tools;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.ToolResult;
import java.util.ArrayList;
import java.util.List;

/** Asks the user a question and waits for the answer. */
public final class ClarifyTool implements Tool {
    static final int MAX_CHOICES = 4;

    private static final ToolSpec SPEC = ToolSpec.of("clarify", """
            Ask the user a question when you cannot proceed well without their input: an ambiguous \
            request, a choice between approaches with real trade-offs, or missing information only \
            they have. Do not ask for things you can find out yourself. Optionally offer up to 4 \
            short choices; the user may still answer in their own words. Returns the user's answer.""",
            Json.parse("""
            {"type":"object","properties":{
              "question":{"type":"string","description":"One clear question."},
              "choices":{"type":"array","items":{"type":"string"},"maxItems":4,
                "description":"Up to 4 short options to pick from; omit for an open question."}},
             "required":["question"]}
            """), "clarify").asInteractive();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(Json.Obj arguments, ToolContext context) {
        try {
            String question = Arguments.requiredText(arguments, "question").strip();
            List<String> choices = choices(arguments);
            String answer = context.user().ask(question, choices);
            if (answer == null || answer.isBlank()) {
                return ToolResult.error("nobody can answer right now (non-interactive run); proceed with your best judgment and state the assumption you made");
            }
            return ToolResult.ok(Json.object().put("answer", answer.strip()).build().print());
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    private static List<String> choices(Json.Obj arguments) {
        var choices = new ArrayList<String>();
        for (Json item : Arguments.list(arguments, "choices").orElse(List.of())) {
            if (!(item instanceof Json.Str(String s))) throw new ToolArgumentException("'choices' must be an array of strings");
            if (!s.isBlank() && !choices.contains(s.strip())) choices.add(s.strip());
        }
        if (choices.size() > MAX_CHOICES) {
            throw new ToolArgumentException("at most " + MAX_CHOICES + " choices; keep the likeliest, the user can still answer freely");
        }
        return List.copyOf(choices);
    }
}
