package dev.nacre.tools;

import static dev.nacre.tools.Calls.call;
import static dev.nacre.tools.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.tools.TodoItem.Status;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TodoToolTest {
    private final TodoTool todo = new TodoTool();

    @Test
    void anEmptiedListIsForgotten() throws Exception {
        call(todo, "s1", "{\"todos\":[{\"id\":\"a\",\"content\":\"A\"}]}");
        assertThat(todo.sessions()).isEqualTo(1);

        call(todo, "s1", "{\"todos\":[]}");

        assertThat(todo.sessions()).isZero();
        assertThat(todo.items("s1")).isEmpty();
    }

    @Test
    void onlyTheListsOfTheSessionsThatUsedThemLastAreKept() throws Exception {
        for (int i = 0; i <= TodoTool.MAX_SESSIONS; i++) {
            call(todo, "s" + i, "{\"todos\":[{\"id\":\"a\",\"content\":\"A\"}]}");
            if (i == 10) todo.items("s0"); // a read counts as a use
        }

        assertThat(todo.sessions()).isEqualTo(TodoTool.MAX_SESSIONS);
        assertThat(todo.items("s1")).as("the least recently used").isEmpty();
        assertThat(todo.items("s0")).hasSize(1);
        assertThat(todo.items("s" + TodoTool.MAX_SESSIONS)).hasSize(1);
    }

    @Test
    void readsAnEmptyListWhenNothingWasWritten() throws Exception {
        var result = call(todo, "s1", "{}");

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).isEqualTo(
                "{\"todos\":[],\"counts\":{\"total\":0,\"pending\":0,\"in_progress\":0,\"completed\":0,\"cancelled\":0}}");
    }

    @Test
    void replacesTheListAndCountsByStatus() throws Exception {
        call(todo, "s1", """
                {"todos":[{"id":"1","content":"old","status":"pending"}]}""");
        var result = json(call(todo, "s1", """
                {"todos":[{"id":"a","content":"read code","status":"completed"},
                          {"id":"b","content":"write tests","status":"in_progress"},
                          {"id":"c","content":"ship"}]}"""));

        assertThat(todo.items("s1")).extracting(TodoItem::id).containsExactly("a", "b", "c");
        assertThat(todo.items("s1").get(2).status()).isEqualTo(Status.PENDING);
        assertThat(result.object("counts").number("total", -1)).isEqualTo(3);
        assertThat(result.object("counts").number("completed", -1)).isEqualTo(1);
        assertThat(result.object("counts").number("in_progress", -1)).isEqualTo(1);
        assertThat(result.get("note")).isEmpty();
    }

    @Test
    void mergeUpdatesByIdKeepsOthersAndAppendsNewIds() throws Exception {
        call(todo, "s1", """
                {"todos":[{"id":"1","content":"plan"},{"id":"2","content":"build"}]}""");
        call(todo, "s1", """
                {"merge":true,"todos":[{"id":"1","status":"completed"},{"id":"3","content":"test","status":"in_progress"}]}""");

        assertThat(todo.items("s1")).containsExactly(
                new TodoItem("1", "plan", Status.COMPLETED),
                new TodoItem("2", "build", Status.PENDING),
                new TodoItem("3", "test", Status.IN_PROGRESS));
    }

    @Test
    void anEmptyArrayWithoutMergeClearsTheList() throws Exception {
        call(todo, "s1", "{\"todos\":[{\"id\":\"1\",\"content\":\"x\"}]}");
        call(todo, "s1", "{\"todos\":[]}");

        assertThat(todo.items("s1")).isEmpty();
    }

    @Test
    void acceptsTodosSentAsJsonTextAndMergeAsAString() throws Exception {
        call(todo, "s1", "{\"todos\":[{\"id\":1,\"content\":\"x\"}]}");
        var result = call(todo, "s1", """
                {"merge":"true","todos":"[{\\"id\\":\\"1\\",\\"status\\":\\"completed\\"}]"}""");

        assertThat(result.isError()).isFalse();
        assertThat(todo.items("s1")).containsExactly(new TodoItem("1", "x", Status.COMPLETED));
    }

    @Test
    void rejectsAnUnknownStatusAndKeepsTheList() throws Exception {
        call(todo, "s1", "{\"todos\":[{\"id\":\"1\",\"content\":\"x\"}]}");
        var result = call(todo, "s1", "{\"merge\":true,\"todos\":[{\"id\":\"1\",\"status\":\"done\"}]}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).isEqualTo("status 'done' is not one of pending, in_progress, completed, cancelled");
        assertThat(todo.items("s1")).containsExactly(new TodoItem("1", "x", Status.PENDING));
    }

    @Test
    void rejectsDuplicateIdsMissingIdsAndNewItemsWithoutContent() throws Exception {
        assertThat(call(todo, "s1", "{\"todos\":[{\"id\":\"1\",\"content\":\"a\"},{\"id\":\"1\",\"content\":\"b\"}]}").content())
                .isEqualTo("id '1' appears twice; ids must be unique");
        assertThat(call(todo, "s1", "{\"todos\":[{\"content\":\"a\"}]}").content()).isEqualTo("todos[0] has no 'id'");
        assertThat(call(todo, "s1", "{\"todos\":[\"just text\"]}").content()).contains("todos[0] must be an object");
        var merged = call(todo, "s1", "{\"merge\":true,\"todos\":[{\"id\":\"9\",\"status\":\"pending\"}]}");
        assertThat(merged.isError()).isTrue();
        assertThat(merged.content()).isEqualTo("new todo '9' needs 'content'");
        assertThat(todo.items("s1")).isEmpty();
    }

    @Test
    void capsTheNumberOfItems() throws Exception {
        var items = new ArrayList<Json>();
        for (int i = 0; i <= TodoTool.MAX_ITEMS; i++) items.add(Json.object().put("id", "t" + i).put("content", "x").build());
        var args = Json.object().put("todos", Json.array(items)).build().print();

        assertThat(call(todo, "s1", args).content()).startsWith("at most 100 todos");
    }

    @Test
    void notesWhenMoreThanOneItemIsInProgress() throws Exception {
        var result = call(todo, "s1", """
                {"todos":[{"id":"1","content":"a","status":"in_progress"},{"id":"2","content":"b","status":"in_progress"}]}""");

        assertThat(result.isError()).isFalse();
        assertThat(json(result).string("note", "")).isEqualTo("2 items are in_progress; finish or pause all but one");
    }

    @Test
    void keepsOneListPerSession() throws Exception {
        call(todo, "s1", "{\"todos\":[{\"id\":\"1\",\"content\":\"mine\"}]}");
        call(todo, "s2", "{\"todos\":[{\"id\":\"1\",\"content\":\"theirs\"}]}");

        assertThat(todo.items("s1")).extracting(TodoItem::content).containsExactly("mine");
        assertThat(json(call(todo, "s2", "{}")).array("todos")).hasSize(1);
        assertThat(todo.items("s3")).isEmpty();
    }

    @Test
    void concurrentMergesFromVirtualThreadsAreAllKept() throws Exception {
        int writers = 50;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < writers; i++) {
                String args = "{\"merge\":true,\"todos\":[{\"id\":\"t" + i + "\",\"content\":\"task " + i + "\"}]}";
                futures.add(executor.submit(() -> {
                    assertThat(call(todo, "shared", args).isError()).isFalse();
                    assertThat(call(todo, "shared", args.replace("\"content\"", "\"status\":\"completed\",\"content\"")).isError()).isFalse();
                    return null;
                }));
            }
            for (var f : futures) f.get();
        }

        assertThat(todo.items("shared")).hasSize(writers).allMatch(t -> t.status() == Status.COMPLETED);
    }
}
