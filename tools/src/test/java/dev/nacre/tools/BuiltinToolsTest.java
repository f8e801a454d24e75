package dev.nacre.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.MemoryJournal;
import dev.nacre.runtime.Tool;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinToolsTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFourToolsEachInItsOwnToolset() {
        var tools = BuiltinTools.create(dir, new MemoryJournal());

        assertThat(tools).extracting(t -> t.spec().name()).containsExactly("todo", "memory", "session_search", "clarify");
        assertThat(tools).allMatch(t -> t.spec().toolset().equals(t.spec().name()));
        assertThat(tools).filteredOn(t -> t.spec().interactive()).extracting(t -> t.spec().name()).containsExactly("clarify");
        assertThat(tools).noneMatch(t -> t.spec().needsApproval());
    }

    @Test
    void schemasAreObjectsWhoseRequiredFieldsAreDeclaredProperties() {
        for (Tool tool : BuiltinTools.create(dir, new MemoryJournal())) {
            ToolSpec spec = tool.spec();
            var schema = (Json.Obj) spec.parameters();
            assertThat(schema.string("type", "")).as(spec.name()).isEqualTo("object");
            for (Json required : schema.array("required")) {
                assertThat(schema.object("properties").fields()).as(spec.name()).containsKey(((Json.Str) required).value());
            }
            assertThat(spec.description()).as(spec.name()).hasSizeBetween(100, 1000).doesNotContain("\n");
        }
    }

    @Test
    void toolboxSelectsByToolset() {
        var toolbox = BuiltinTools.toolbox(dir, new MemoryJournal());

        assertThat(toolbox.only(Set.of("memory", "todo")).specs()).extracting(ToolSpec::name).containsExactly("todo", "memory");
    }
}
