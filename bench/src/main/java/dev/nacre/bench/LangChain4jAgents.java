package dev.nacre.bench;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The peer: LangChain4j's {@code AiServices} over {@code langchain4j-open-ai} (its own JDK HTTP
 * client, non-streaming), with a {@code memory} tool that appends to a file as Nacre's does, the
 * same system prompt and an in-memory {@link MessageWindowChatMemory} per conversation (LangChain4j
 * journals nothing). {@link #main} is the same agent as a process, for the process-per-query mode.
 */
final class LangChain4jAgents implements Agents<LangChain4jAgents.Assistant> {
    private final ChatModel model;
    private final MemoryTool tool;
    private final KeptHttpClient http; // null for an in-JVM model

    /** The AI service: one user message in, the final answer out. */
    interface Assistant {
        String chat(String message);
    }

    /** The {@code memory} tool, reduced to what the canned call needs: add an entry to USER.md or MEMORY.md. */
    static final class MemoryTool {
        private final Path dir;

        MemoryTool(Path dir) {
            this.dir = dir;
        }

        @Tool(name = "memory", value = "Save durable facts about the user (target user) or the environment (target memory).")
        public synchronized String memory(@P(name = "action", value = "add, replace or remove") String action,
                                          @P(name = "target", value = "memory or user") String target,
                                          @P(name = "content", value = "the entry") String content) {
            try {
                Files.createDirectories(dir);
                Path file = dir.resolve(target.equals("user") ? "USER.md" : "MEMORY.md");
                Files.writeString(file, content + "\n§\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return "{\"success\":true}";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    LangChain4jAgents(String baseUrl, Path memories) {
        this(new KeptHttpClient(), baseUrl, memories);
    }

    private LangChain4jAgents(KeptHttpClient http, String baseUrl, Path memories) {
        this(model(baseUrl).httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(http)).build(), memories, http);
    }

    private static OpenAiChatModel.OpenAiChatModelBuilder model(String baseUrl) {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("none").modelName("scripted-model").maxRetries(0);
    }

    LangChain4jAgents(ChatModel model, Path memories) {
        this(model, memories, null);
    }

    private LangChain4jAgents(ChatModel model, Path memories, KeptHttpClient http) {
        this.model = model;
        this.tool = new MemoryTool(memories);
        this.http = http;
    }

    /** A model in this JVM that answers "Hello!" at once: for measuring what a conversation holds, without HTTP. */
    static ChatModel canned() {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from(Canned.HELLO_ANSWER)).build();
            }
        };
    }

    @Override
    public String label() {
        return "LangChain4j";
    }

    @Override
    public void close() {
        if (http != null) http.close();
    }

    @Override
    public Assistant open() {
        return AiServices.builder(Assistant.class).chatModel(model).tools(tool)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(100))
                .systemMessageProvider(id -> TurnBench.SYSTEM_PROMPT).build();
    }

    @Override
    public String send(Assistant session, String message) {
        return session.chat(message);
    }

    /**
     * {@code init} (build the agent, print "ready"), {@code run MESSAGE}, or {@code stdin history|no-history}
     * (each line a message), against {@code NACRE_BASE_URL}, with the memory files under {@code NACRE_HOME}.
     */
    public static void main(String[] args) throws IOException {
        // LangChain4j's own way to its HTTP client (found through ServiceLoader), as an application would start it
        var agents = new LangChain4jAgents(model(System.getenv("NACRE_BASE_URL")).build(), Path.of(System.getenv("NACRE_HOME"), "memories"));
        var assistant = agents.open();
        switch (args[0]) {
            case "init" -> System.out.println("ready");
            case "run" -> System.out.println(assistant.chat(args[1]));
            case "stdin" -> {
                var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                boolean first = true;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    if (!first && args[1].equals("no-history")) assistant = agents.open();
                    first = false;
                    System.out.println(assistant.chat(line));
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.out.flush();
        System.exit(0);
    }
}
