package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every configuration mistake is one line naming the setting, and exit code 2. */
class ConfigErrorsTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "provider: {1: x}                                                   | setting names must be words",
        "provider: {base_url: 'http://exa mple/v1', model: m}              | base_url must look like http(s)://",
        "provider: {base_url: 'ftp://host/v1', model: m}                   | base_url must look like http(s)://",
        "provider: {base_url: 'localhost:8080', model: m}                  | base_url must look like http(s)://",
        "provider: {base_url: 'http://h/v1', timeout: -5s}                 | timeout must be longer than zero",
        "provider: {base_url: 'http://h/v1', timeout: soon}                | must be a duration",
        "provider: {base_url: 'http://h/v1'}\\nfallbacks: [{model: m}]     | fallbacks[0] needs a base_url",
        "agent: {max_turns: 3.9}                                            | max_turns must be a whole number",
        "agent: {toolsets: [todo, shell]}                                   | unknown toolset 'shell'",
        "provider: [a, b]                                                   | must be a mapping",
        "provider: {base_url: 'http://h/v1'\\n  bad indent                   | not valid YAML",
        "provider: {base_url: 'http://h/v1', model: m, api_key: \"sk-a\\x0ab\"}    | the API key contains a line break",
    })
    void oneLineAndExitTwo(String yaml, String expected) throws Exception {
        Files.writeString(home.resolve("config.yaml"), yaml.replace("\\n", "\n") + "\n");
        var r = new Cli(home).run("run", "hi");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chat --resume nope                                  | no session 'nope'",
        "tools add https://example.org/x.wasm                | needs its digest",
        "tools call nowhere.wasm t {}                        | no tool module 'nowhere.wasm'",
        "sessions show nope                                  | no session 'nope'",
    })
    void commandMistakesAreOneLine(String command, String expected) {
        var cli = new Cli(home).provider("http://127.0.0.1:1/v1", "m");
        var r = cli.run(command.strip().split(" "));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(expected);
    }

    @Test
    void anApiKeyEndingInANewlineIsStrippedAndOneWithALineBreakInsideNamesWhereItCameFrom() throws Exception {
        Path file = home.resolve("config.yaml");
        Files.writeString(file, "provider:\n  base_url: http://h/v1\n  model: m\n  api_key: |\n    sk-from-yaml\n");
        assertThat(new ConfigLoader(Map.of()).load(file).provider().apiKey()).isEqualTo("sk-from-yaml");
        assertThat(new ConfigLoader(Map.of("NACRE_API_KEY", "sk-env\n")).load(file).provider().apiKey()).isEqualTo("sk-env");

        Files.writeString(file, "provider: {base_url: 'http://h/v1', model: m, api_key_env: MY_KEY}\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MY_KEY", "sk-a\nb")).load(file))
                .isInstanceOf(UsageError.class).hasMessageContaining("line break").hasMessageContaining("MY_KEY");
    }
}
