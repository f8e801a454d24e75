package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Message;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.runtime.ModelStream;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many requests through one client: a finished reply must leave its pooled connection usable. */
class ConnectionReuseTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hundredsOfRequestsFromTenThreadsNeedNoRetry(boolean stream) throws Exception {
        try (var server = ScriptedModelServer.start()) {
            server.always(Reply.text("Hello!"));
            var config = Fixture.config(server).withMaxRetries(0).withStream(stream);
            try (var client = OpenAiClient.create(config)) {
                var failures = new AtomicInteger();
                var threads = new ArrayList<Thread>();
                for (int t = 0; t < 10; t++) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 20; i++) {
                            try {
                                var reply = client.complete(new ModelRequest("", List.of(new Message.User("hi")), List.of()),
                                        ModelStream.NONE);
                                if (!reply.message().text().equals("Hello!")) failures.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Thread t : threads) t.join();
                assertThat(failures.get()).isZero();
                assertThat(server.requests()).hasSize(200);
            }
        }
    }
}
