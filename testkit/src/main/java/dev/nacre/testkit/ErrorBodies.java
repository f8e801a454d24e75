package dev.nacre.testkit;

import java.util.Map;

/** The error responses each server sends, byte for byte in shape. */
final class ErrorBodies {
    private ErrorBodies() {}

    static Reply.Status unauthorized(Dialect dialect) {
        return switch (dialect) {
            case OPENAI -> new Reply.Status(401, "{\"error\":{\"message\":\"Incorrect API key provided. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
                    + "\"code\":\"invalid_api_key\"}}", Map.of());
            case LLAMA_CPP -> new Reply.Status(401, "{\"error\":{\"code\":401,\"message\":\"Invalid API Key\","
                    + "\"type\":\"authentication_error\"}}", Map.of());
            case VLLM -> new Reply.Status(401, "{\"error\":\"Unauthorized\"}", Map.of());
            case OLLAMA -> new Reply.Status(401, "{\"error\":{\"message\":\"unauthorized\",\"type\":\"api_error\","
                    + "\"param\":null,\"code\":null}}", Map.of());
        };
    }

    static Reply.Status unknownModel(Dialect dialect, String model) {
        String quoted = escape(model);
        return switch (dialect) {
            case OPENAI -> new Reply.Status(404, "{\"error\":{\"message\":\"The model `" + quoted + "` does not exist or you do "
                    + "not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
                    Map.of());
            case LLAMA_CPP -> new Reply.Status(400, "{\"error\":{\"code\":400,\"message\":\"model '" + quoted
                    + "' not found\",\"type\":\"invalid_request_error\"}}", Map.of());
            case VLLM -> new Reply.Status(404, "{\"object\":\"error\",\"message\":\"The model `" + quoted
                    + "` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}", Map.of());
            case OLLAMA -> new Reply.Status(404, "{\"error\":{\"message\":\"model \\\"" + quoted
                    + "\\\" not found, try pulling it first\",\"type\":\"api_error\",\"param\":null,\"code\":null}}",
                    Map.of());
        };
    }

    static String noScript() {
        return "{\"error\":{\"message\":\"ScriptedModelServer: no reply scripted for this request\",\"type\":\"server_error\"}}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
